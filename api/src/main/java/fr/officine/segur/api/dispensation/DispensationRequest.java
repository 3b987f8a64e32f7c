package fr.officine.segur.api.dispensation;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/prescriptions/{number}/dispensations} body. {@code acknowledgements}: the
 * blocking safety signals of the lines delivered that the pharmacist acknowledged (lot recall,
 * narcotic secure prescription checked, narcotic overlap on the prescriber's express mention).
 */
public record DispensationRequest(
    @Size(max = FieldLimits.LINES) @Valid List<LineRequest> lines,
    @Size(max = FieldLimits.LINES) @Valid List<HandwrittenLineRequest> handwrittenLines,
    @Size(max = FieldLimits.LINES) @Valid List<UnknownProductLineRequest> unknownProductLines,
    @Size(max = FieldLimits.LINES) @Valid List<SafetyAcknowledgement> acknowledgements) {
  // One constructor only: JSON-B binds a record through its canonical constructor, and a second
  // one leaves it unable to choose (every request refused as malformed).
}
