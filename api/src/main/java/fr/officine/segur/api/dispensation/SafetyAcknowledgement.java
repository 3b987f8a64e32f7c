package fr.officine.segur.api.dispensation;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/**
 * The pharmacist acknowledged a blocking safety signal of a line ({@code kind}: LOT_RECALL,
 * SECURE_PRESCRIPTION, NARCOTIC_OVERLAP — see {@link fr.officine.segur.api.safety.LineAlertKind}).
 */
public record SafetyAcknowledgement(
    @Size(max = FieldLimits.LINE_ID) String lineId, @Size(max = FieldLimits.CODE) String kind) {}
