package fr.officine.segur.api.dispensation;

/**
 * What is done on one prescribed line. {@code deliveredProduct} when substituted; {@code
 * notDeliveredReason} (a {@link NotDeliveredReason} name) when {@code quantity} is 0.
 */
public record LineRequest(
    String lineId, int quantity, DeliveredProduct deliveredProduct, String notDeliveredReason) {}
