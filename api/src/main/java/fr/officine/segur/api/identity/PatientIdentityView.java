package fr.officine.segur.api.identity;

/**
 * {@code GET /api/v1/identity/patients/{ins}} and the answer of a qualification.
 *
 * @param traits the INS traits as INSi returned them; absent while PROVISOIRE
 * @param qualifiedBy the professional who checked the document (display name), QUALIFIEE only
 * @param qualifiedAt ISO-8601 instant, QUALIFIEE only
 * @param identityDocument the document type checked, QUALIFIEE only
 * @param message what the status means for the pharmacist, in French
 */
public record PatientIdentityView(
    InsView ins,
    IdentityStatus status,
    IdentityTraitsView traits,
    String qualifiedBy,
    String qualifiedAt,
    String identityDocument,
    String message) {}
