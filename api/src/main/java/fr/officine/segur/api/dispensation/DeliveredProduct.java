package fr.officine.segur.api.dispensation;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/** The product actually delivered: CIP13 and label. */
public record DeliveredProduct(
    @Size(max = FieldLimits.CODE) String cip13, @Size(max = FieldLimits.LABEL) String label) {}
