package fr.officine.segur.sandbox.dmp;

/**
 * One rs:RegistryError of a Failure answer: an IHE code (XDSRepositoryMetadataError…) or one of the
 * sandbox's own DMP codes (DMP_FERME, DMP_OPPOSITION, PS_BLOQUE, DMP_INEXISTANT), with a French
 * codeContext a pharmacist's software can show, and where it applies.
 */
public record RegistryError(String errorCode, String codeContext, String location) {
  public static final String REPOSITORY_METADATA = "XDSRepositoryMetadataError";
  public static final String REGISTRY_METADATA = "XDSRegistryMetadataError";
  public static final String UNKNOWN_PATIENT = "XDSUnknownPatientId";
  public static final String PATIENT_MISMATCH = "XDSPatientIdDoesNotMatch";
  public static final String DUPLICATE_UNIQUE_ID = "XDSDocumentUniqueIdError";
  public static final String MISSING_DOCUMENT = "XDSMissingDocument";
  public static final String MISSING_DOCUMENT_METADATA = "XDSMissingDocumentMetadata";

  /**
   * IHE ITI TF-3 4.2.4.1: a document that fails the requirements on its content (here: XSD,
   * schematrons).
   */
  public static final String INVALID_DOCUMENT_CONTENT = "InvalidDocumentContent";

  public static final String REPOSITORY_BUSY = "XDSRepositoryBusy";
  public static final String REGISTRY_BUSY = "XDSRegistryBusy";
  public static final String UNKNOWN_STORED_QUERY = "XDSUnknownStoredQuery";
  public static final String STORED_QUERY_PARAM = "XDSStoredQueryParamNumber";
  public static final String REGISTRY_ERROR = "XDSRegistryError";
  public static final String DMP_INEXISTANT = "DMP_INEXISTANT";
  public static final String DMP_FERME = "DMP_FERME";
  public static final String DMP_OPPOSITION = "DMP_OPPOSITION";
  public static final String PS_BLOQUE = "PS_BLOQUE";

  public static RegistryError of(String code, String context) {
    return new RegistryError(code, context, "");
  }
}
