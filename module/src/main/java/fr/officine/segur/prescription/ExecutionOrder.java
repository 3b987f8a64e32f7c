package fr.officine.segur.prescription;

import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.prescription.Prescription.Product;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * An execution to record in the base. {@code executionId} is the dispensation's own id: the base
 * treats a repeated id as the same execution, so sending it again never delivers twice.
 */
public record ExecutionOrder(
    DispensationId executionId,
    PrescriptionNumber number,
    OffsetDateTime executedAt,
    List<ExecutedLine> lines,
    List<HandwrittenItem> handwritten) {

  public record ExecutedLine(
      String lineId,
      int quantity,
      Optional<Product> deliveredProduct,
      Optional<NotDeliveredReason> notDeliveredReason) {}

  /** "Mention manuscrite": a product the prescriber added by hand, with the quantity delivered. */
  public record HandwrittenItem(Product product, int quantity) {}
}
