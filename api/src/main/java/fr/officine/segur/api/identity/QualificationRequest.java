package fr.officine.segur.api.identity;

/**
 * {@code POST /api/v1/identity/qualifications}: qualify an INS the module retrieved from INSi (a
 * 00 answer of {@code POST /identity/insi}) after checking the patient's identity document.
 */
public record QualificationRequest(InsView ins, IdentityDocumentRequest identityDocument) {}
