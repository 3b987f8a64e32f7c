package fr.officine.segur.api.message;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/dispensations/{id}/messages}: a secure message (MSSanté) about the
 * dispensation. {@code to}: {@code PRESCRIBER} (the prescriber's MSSanté mailbox, found in the
 * directory from the RPPS the dispensation document names).
 */
public record MessageRequest(@Size(max = FieldLimits.CODE) String to) {}
