package fr.officine.segur.sandbox.dmp;

/**
 * One document the DMP holds, with the metadata the admin API and ITI-18 show. {@code metadata} is
 * the ExtrinsicObject as received, with its symbolic ids replaced by the registry's entryUUID.
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
    String metadata) {}
