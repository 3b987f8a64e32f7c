package fr.officine.segur.api.dispensation;

/**
 * {@code POST /api/v1/dispensations/{id}/settlement}: what a pharmacist does with an in-doubt
 * dispensation. {@code action}: {@code CHECK} (ask the base now whether it recorded it) or {@code
 * CANCEL} (cancel it, only once the base confirms it never recorded it).
 */
public record SettlementRequest(String action) {}
