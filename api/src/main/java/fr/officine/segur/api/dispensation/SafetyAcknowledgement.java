package fr.officine.segur.api.dispensation;

/**
 * The pharmacist acknowledged a blocking safety signal of a line ({@code kind}: LOT_RECALL,
 * SECURE_PRESCRIPTION, NARCOTIC_OVERLAP — see {@link fr.officine.segur.api.safety.LineAlertKind}).
 */
public record SafetyAcknowledgement(String lineId, String kind) {}
