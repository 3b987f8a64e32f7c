package fr.officine.segur.api.dispensation;

import jakarta.json.bind.annotation.JsonbCreator;

/**
 * One line of a dispensation as the base accepted it; {@code lot}, {@code expiry} (ISO date) and
 * {@code serial} of the box delivered when it was scanned (absent otherwise).
 */
public record DispensedLineView(
    String lineId,
    int quantity,
    DeliveredProduct deliveredProduct,
    String notDeliveredReason,
    String completenessCode,
    int remainingQuantity,
    String lot,
    String expiry,
    String serial) {
  /** The one constructor JSON-B uses (a record with several constructors needs it named). */
  @JsonbCreator
  public DispensedLineView {}

  public DispensedLineView(
      String lineId,
      int quantity,
      DeliveredProduct deliveredProduct,
      String notDeliveredReason,
      String completenessCode,
      int remainingQuantity) {
    this(
        lineId,
        quantity,
        deliveredProduct,
        notDeliveredReason,
        completenessCode,
        remainingQuantity,
        null,
        null,
        null);
  }
}
