package fr.officine.segur.api.dispensation;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * What is done on one prescribed line. {@code deliveredProduct} when substituted; {@code
 * notDeliveredReason} (a {@link NotDeliveredReason} name) when {@code quantity} is 0.
 */
public record LineRequest(
    @Size(max = FieldLimits.LINE_ID) String lineId,
    int quantity,
    @Valid DeliveredProduct deliveredProduct,
    @Size(max = FieldLimits.CODE) String notDeliveredReason) {}
