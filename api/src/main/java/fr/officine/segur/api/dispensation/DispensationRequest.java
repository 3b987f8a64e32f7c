package fr.officine.segur.api.dispensation;

import java.util.List;

/** {@code POST /api/v1/prescriptions/{number}/dispensations} body. */
public record DispensationRequest(
    List<LineRequest> lines,
    List<HandwrittenLineRequest> handwrittenLines,
    List<UnknownProductLineRequest> unknownProductLines) {

}
