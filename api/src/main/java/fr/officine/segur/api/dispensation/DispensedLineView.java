package fr.officine.segur.api.dispensation;

/** One line of a dispensation as the base accepted it. */
public record DispensedLineView(
    String lineId,
    int quantity,
    DeliveredProduct deliveredProduct,
    String notDeliveredReason,
    String completenessCode,
    int remainingQuantity) {}
