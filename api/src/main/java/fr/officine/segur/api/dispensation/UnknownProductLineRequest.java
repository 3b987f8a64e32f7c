package fr.officine.segur.api.dispensation;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/**
 * A prescribed line flagged {@code UNKNOWN_PRODUCT} (the base does not know its product, e.g. an
 * LPP eye lubricant) delivered now: the module does not send it to the base (which would refuse
 * it), records it for reconciliation, and takes the product's code and label from the prescription.
 */
public record UnknownProductLineRequest(
    @Size(max = FieldLimits.LINE_ID) String lineId, int quantity) {}
