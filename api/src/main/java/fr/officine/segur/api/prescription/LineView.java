package fr.officine.segur.api.prescription;

import java.util.List;

/**
 * One prescribed line. Quantities are in boxes: {@code prescribedQuantity} per dispensing period,
 * {@code totalQuantity} = prescribed × (1 + renewals); {@code deliverableNow} is what one
 * dispensation may still deliver (the rest of the current period).
 */
public record LineView(
    String lineId,
    ProductView product,
    String dosage,
    int prescribedQuantity,
    int renewals,
    int totalQuantity,
    int deliveredQuantity,
    int remainingQuantity,
    int deliverableNow,
    boolean substitutable,
    boolean narcotic,
    boolean handwritten,
    List<DeliveryView> deliveries) {}
