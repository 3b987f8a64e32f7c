package fr.officine.segur.api.prescription;

/**
 * A safety signal shown on the line it concerns.
 *
 * @param kind a {@link fr.officine.segur.api.safety.LineAlertKind} name
 * @param label its short French label ("Rappel de lot")
 * @param message the French sentence for the pharmacist
 * @param acknowledgementRequired true when the line cannot be recorded before the pharmacist
 *     acknowledges it ({@code acknowledgements[]} of the dispensation request)
 * @param acknowledgement what the pharmacist ticks, in French (null when none is needed)
 */
public record LineAlertView(
    String kind,
    String label,
    String message,
    boolean acknowledgementRequired,
    String acknowledgement) {}
