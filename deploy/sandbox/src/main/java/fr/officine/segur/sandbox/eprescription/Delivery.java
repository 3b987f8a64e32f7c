package fr.officine.segur.sandbox.eprescription;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * What one execution did on one line: a quantity (0 = not delivered, with a reason), the
 * completeness code it earned, and the substituted product if any.
 */
public record Delivery(
    String executionId,
    Pharmacy pharmacy,
    OffsetDateTime executedAt,
    int quantity,
    String completeness,
    Product deliveredProduct,
    String notDeliveredReason) {

  public Optional<String> completenessCode() {
    return Optional.ofNullable(completeness);
  }

  public Optional<Product> substitute() {
    return Optional.ofNullable(deliveredProduct);
  }

  public Optional<String> reason() {
    return Optional.ofNullable(notDeliveredReason);
  }
}
