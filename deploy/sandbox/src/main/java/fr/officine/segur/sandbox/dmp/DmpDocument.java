package fr.officine.segur.sandbox.dmp;

/**
 * One document the DMP holds, with the metadata the admin API and ITI-18 show. {@code metadata} is
 * the ExtrinsicObject as received, with its symbolic ids replaced by the registry's entryUUID.
 * {@code authenticationMode} is the VIHF's Authentification_Mode of the submission that brought it
 * (absent for seeded documents and for documents the DP forwarded on its own authority).
 */
public record DmpDocument(
    String entryUuid,
    String uniqueId,
    String ins,
    String patientId,
    String classCode,
    String typeCode,
    String formatCode,
    String confidentiality,
    boolean hiddenFromProfessionals,
    String title,
    String mimeType,
    long size,
    String hash,
    String author,
    String authorRpps,
    String creationTime,
    String submissionTime,
    String submissionSetUniqueId,
    String metadata,
    java.util.Optional<String> authenticationMode) {}
