package fr.officine.segur.sandbox.dmp;

/** IHE XDS.b identifiers (DOMAIN-FACTS §2.4) and the values a pharmacy dispensation must carry. */
final class DmpNames {
  static final String SANDBOX_NS = "urn:officine-segur:sandbox:dmp";

  static final String ACTION_ITI41 = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
  static final String ACTION_ITI41_RESPONSE =
      "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse";
  static final String ACTION_ITI18 = "urn:ihe:iti:2007:RegistryStoredQuery";
  static final String ACTION_ITI18_RESPONSE = "urn:ihe:iti:2007:RegistryStoredQueryResponse";
  static final String ACTION_TD02 = "urn:hl7-org:v3:PRPA_IN201307UV02";
  static final String ACTION_TD02_RESPONSE = "urn:hl7-org:v3:PRPA_IN201308UV02";

  static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
  static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
  static final String SEVERITY_ERROR = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
  static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";

  static final String SUBMISSION_SET = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
  static final String SS_AUTHOR = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
  static final String SS_CONTENT_TYPE = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
  static final String SS_PATIENT_ID = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
  static final String SS_SOURCE_ID = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
  static final String SS_UNIQUE_ID = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
  static final String DOCUMENT_ENTRY = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
  static final String DE_AUTHOR = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
  static final String DE_CLASS = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
  static final String DE_CONFIDENTIALITY = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
  static final String DE_EVENT = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4";
  static final String DE_FORMAT = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
  static final String DE_FACILITY = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
  static final String DE_PRACTICE = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
  static final String DE_TYPE = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
  static final String DE_PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
  static final String DE_UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
  static final String HAS_MEMBER = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
  static final String SIGNS = "urn:ihe:iti:2007:AssociationType:signs";

  static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
  static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";

  /** The DMP repository's uniqueId seen in the editor kit. */
  static final String REPOSITORY_UNIQUE_ID = "1.2.250.1.213.4.1.1.1.2";

  // Values for an officine dispensation (DOMAIN-FACTS §2.4).
  static final String CLASS_DISPENSATION = "43";
  static final String CLASS_SCHEME = "1.2.250.1.213.1.1.4.1";
  static final String TYPE_DISPENSATION = "60593-1";
  static final String LOINC = "2.16.840.1.113883.6.1";
  static final String FORMAT_SCHEME = "1.3.6.1.4.1.19376.1.2.3";
  static final String FORMAT_EDISP = "urn:ihe:pharm:dis:2010";
  static final String FORMAT_PDF = "urn:ihe:iti:xds-sd:pdf:2008";
  static final String SA33 = "SA33";
  static final String FACILITY_SCHEME = "1.2.250.1.71.4.2.4";
  static final String AMBULATOIRE = "AMBULATOIRE";
  static final String PRACTICE_SCHEME = "1.2.250.1.213.1.1.4.9";
  static final String CONFIDENTIALITY_HL7 = "2.16.840.1.113883.5.25";
  static final String CONFIDENTIALITY_DMP = "1.2.250.1.213.1.1.4.13";
  static final String MASQUE_PS = "MASQUE_PS";
  static final String SPECIALTY_SCHEME = "1.2.250.1.213.1.1.4.5";
  static final String PS_OID = "1.2.250.1.71.4.2.1";
  static final String STRUCTURE_OID = "1.2.250.1.71.4.2.2";
  static final String FORMAT_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#";

  private DmpNames() {}
}
