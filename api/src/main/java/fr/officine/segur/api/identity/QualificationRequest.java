package fr.officine.segur.api.identity;

import jakarta.validation.Valid;

/**
 * {@code POST /api/v1/identity/qualifications}: qualify an INS the module retrieved from INSi (a 00
 * answer of {@code POST /identity/insi}) after checking the patient's identity document.
 */
public record QualificationRequest(
    @Valid InsView ins, @Valid IdentityDocumentRequest identityDocument) {}
