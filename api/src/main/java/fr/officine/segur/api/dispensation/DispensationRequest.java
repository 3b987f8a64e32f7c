package fr.officine.segur.api.dispensation;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /api/v1/prescriptions/{number}/dispensations} body. */
public record DispensationRequest(
    @Size(max = FieldLimits.LINES) @Valid List<LineRequest> lines,
    @Size(max = FieldLimits.LINES) @Valid List<HandwrittenLineRequest> handwrittenLines,
    @Size(max = FieldLimits.LINES) @Valid List<UnknownProductLineRequest> unknownProductLines) {

}
