package fr.officine.segur.api.dispensation;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/** A line the prescriber added by hand ("mention manuscrite"), delivered and recorded as such. */
public record HandwrittenLineRequest(
    @Size(max = FieldLimits.CODE) String cip13,
    @Size(max = FieldLimits.LABEL) String label,
    int quantity) {}
