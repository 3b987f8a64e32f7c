package fr.officine.segur.api.dispensation;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/dispensations/{id}/settlement}: what a pharmacist does with an in-doubt
 * dispensation. {@code action}: {@code CHECK} (ask the base now whether it recorded it) or {@code
 * CANCEL} (cancel it, only once the base confirms it never recorded it).
 */
public record SettlementRequest(@Size(max = FieldLimits.CODE) String action) {}
