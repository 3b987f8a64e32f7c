package fr.officine.segur.dmp;

import static fr.officine.segur.dmp.DmpXml.RIM;
import static fr.officine.segur.dmp.DmpXml.add;

import fr.officine.segur.dmp.document.DocumentEntryMetadata;
import fr.officine.segur.dmp.document.DocumentEntryMetadata.Code;
import java.util.Base64;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The ITI-41 body for one dispensation document: {@code ihe:ProvideAndRegisterDocumentSetRequest} =
 * ebRIM 3.0 SubmitObjectsRequest (the DocumentEntry with the DOMAIN-FACTS §2.4 metadata, the
 * SubmissionSet, its classification and the HasMember association) + the document itself. The
 * document content is inline base64 here; {@link Iti41ProvideAndRegister} moves it to an MTOM part.
 *
 * <p>The metadata comes from {@link DocumentEntryMetadata}, computed once with the document: a
 * retry sends exactly the same entry (same uniqueId, hash, creation time).
 */
public final class XdsSubmission {
  // IHE ITI TF-3 4.2.5 classification schemes / identification schemes (DOMAIN-FACTS §2.4)
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
  static final String DE_FORMAT = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
  static final String DE_FACILITY = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
  static final String DE_PRACTICE = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
  static final String DE_TYPE = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
  static final String DE_PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
  static final String DE_UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
  static final String HAS_MEMBER = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";

  /**
   * ~ contentTypeCode of an officine submission: SA33 from TRE_R02 (a source of JDV_J59, whose
   * member list could not be read: DOMAIN-FACTS §2.4 / §7.4).
   */
  static final Code CONTENT_TYPE = DocumentEntryMetadata.PHARMACIE_D_OFFICINE;

  static final String DOCUMENT_ID = "Document01";
  static final String SUBMISSION_SET_ID = "SubmissionSet01";

  /**
   * @param submissionSetUniqueId OID; the same on every retry of this document
   * @param sourceId OID of this software instance
   * @param submissionTime UTC YYYYMMDDhhmmss
   */
  public record Submission(
      DocumentEntryMetadata entry,
      byte[] content,
      String submissionSetUniqueId,
      String sourceId,
      String submissionTime) {}

  private XdsSubmission() {}

  static final String DE_EVENT = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4";
  static final String SIGNS = "urn:ihe:iti:2007:AssociationType:signs";
  static final String SIGNATURE_ID = "Signature01";

  /** The request element, in a document of its own, without the submission set's signature. */
  public static Element request(Submission s) {
    return request(s, java.util.Optional.empty());
  }

  /**
   * With {@code signing}: the signed submission set the DMP requires (DOMAIN-FACTS §2.4) as a
   * second DocumentEntry, HasMember of the set, associated to it by "signs". Its uniqueId derives
   * from the document's, so a retry sends the same signature entry.
   */
  public static Element request(
      Submission s,
      java.util.Optional<fr.officine.segur.trust.PharmacyCredentials.Signing> signing) {
    Document doc = DmpXml.newDocument();
    Element root = doc.createElementNS(DmpXml.XDSB, "xdsb:ProvideAndRegisterDocumentSetRequest");
    root.setAttributeNS(DmpXml.XMLNS, "xmlns:lcm", DmpXml.LCM);
    root.setAttributeNS(DmpXml.XMLNS, "xmlns:rim", RIM);
    doc.appendChild(root);
    Element list =
        add(add(root, DmpXml.LCM, "lcm:SubmitObjectsRequest"), RIM, "rim:RegistryObjectList");
    DocumentEntryMetadata m = s.entry();
    String patientId =
        m.patientId().orElseThrow(() -> new IllegalArgumentException("no INS: nothing to send"));

    Element de = add(list, RIM, "rim:ExtrinsicObject");
    de.setAttribute("id", DOCUMENT_ID);
    de.setAttribute("mimeType", m.mimeType());
    de.setAttribute("objectType", DOCUMENT_ENTRY);
    slot(de, "creationTime", m.creationTime());
    slot(de, "hash", m.hashSha1());
    slot(de, "languageCode", m.languageCode());
    slot(de, "legalAuthenticator", m.legalAuthenticator());
    slot(de, "serviceStartTime", m.serviceStartTime());
    m.serviceStopTime().ifPresent(t -> slot(de, "serviceStopTime", t));
    slot(de, "size", Long.toString(m.size()));
    // no IPP in the module: the INS is the source patient id (DOMAIN-FACTS §2.4)
    slot(de, "sourcePatientId", patientId);
    slot(
        de,
        "sourcePatientInfo",
        m.sourcePatientName(),
        m.sourcePatientBirthDate(),
        m.sourcePatientSex());
    name(de, m.title());
    author(de, DE_AUTHOR, DOCUMENT_ID, m);
    code(de, DE_CLASS, DOCUMENT_ID, m.classCode());
    code(de, DE_CONFIDENTIALITY, DOCUMENT_ID, m.confidentialityCode());
    code(de, DE_FORMAT, DOCUMENT_ID, m.formatCode());
    code(de, DE_FACILITY, DOCUMENT_ID, m.healthcareFacilityTypeCode());
    code(de, DE_PRACTICE, DOCUMENT_ID, m.practiceSettingCode());
    code(de, DE_TYPE, DOCUMENT_ID, m.typeCode());
    externalId(de, DE_PATIENT_ID, DOCUMENT_ID, patientId, "XDSDocumentEntry.patientId");
    externalId(de, DE_UNIQUE_ID, DOCUMENT_ID, m.uniqueId(), "XDSDocumentEntry.uniqueId");

    Element ss = add(list, RIM, "rim:RegistryPackage");
    ss.setAttribute("id", SUBMISSION_SET_ID);
    slot(ss, "submissionTime", s.submissionTime());
    name(ss, "Dispensation " + m.title());
    author(ss, SS_AUTHOR, SUBMISSION_SET_ID, m);
    code(ss, SS_CONTENT_TYPE, SUBMISSION_SET_ID, CONTENT_TYPE);
    externalId(
        ss,
        SS_UNIQUE_ID,
        SUBMISSION_SET_ID,
        s.submissionSetUniqueId(),
        "XDSSubmissionSet.uniqueId");
    externalId(ss, SS_SOURCE_ID, SUBMISSION_SET_ID, s.sourceId(), "XDSSubmissionSet.sourceId");
    externalId(ss, SS_PATIENT_ID, SUBMISSION_SET_ID, patientId, "XDSSubmissionSet.patientId");

    java.util.Optional<byte[]> signature =
        signing.map(key -> signature(list, ss, s, patientId, key));

    Element marker = add(list, RIM, "rim:Classification");
    marker.setAttribute("id", "cl-ss");
    marker.setAttribute("classifiedObject", SUBMISSION_SET_ID);
    marker.setAttribute("classificationNode", SUBMISSION_SET);

    Element member = add(list, RIM, "rim:Association");
    member.setAttribute("id", "as-member");
    member.setAttribute("associationType", HAS_MEMBER);
    member.setAttribute("sourceObject", SUBMISSION_SET_ID);
    member.setAttribute("targetObject", DOCUMENT_ID);
    slot(member, "SubmissionSetStatus", "Original");

    Element document =
        add(root, DmpXml.XDSB, "xdsb:Document", Base64.getEncoder().encodeToString(s.content()));
    document.setAttribute("id", DOCUMENT_ID);
    signature.ifPresent(
        content ->
            add(root, DmpXml.XDSB, "xdsb:Document", Base64.getEncoder().encodeToString(content))
                .setAttribute("id", SIGNATURE_ID));
    return root;
  }

  /** Adds the signature's entry and associations; returns the signature's bytes. */
  private static byte[] signature(
      Element list,
      Element ss,
      Submission s,
      String patientId,
      fr.officine.segur.trust.PharmacyCredentials.Signing key) {
    DocumentEntryMetadata m = s.entry();
    byte[] content =
        SubmissionSignature.sign(
            new java.util.LinkedHashMap<>(
                java.util.Map.of(
                    "urn:oid:" + s.submissionSetUniqueId(), DmpXml.bytes(ss),
                    // a root^extension uniqueId is not an OID: the caret is escaped to keep a valid
                    // URI
                    "urn:oid:" + m.uniqueId().replace("^", "%5E"), s.content())),
            key,
            // signed when submitted: the set's submissionTime (UTC YYYYMMDDhhmmss)
            java.time.LocalDateTime.parse(
                    s.submissionTime(),
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                .toInstant(java.time.ZoneOffset.UTC));
    java.util.UUID u =
        java.util.UUID.nameUUIDFromBytes(
            ("signature:" + m.uniqueId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String uniqueId = "2.25." + new java.math.BigInteger(u.toString().replace("-", ""), 16);
    Element sig = add(list, RIM, "rim:ExtrinsicObject");
    sig.setAttribute("id", SIGNATURE_ID);
    sig.setAttribute("mimeType", "text/xml");
    sig.setAttribute("objectType", DOCUMENT_ENTRY);
    slot(sig, "creationTime", s.submissionTime());
    slot(sig, "hash", sha1(content));
    slot(sig, "languageCode", "art");
    slot(sig, "size", Integer.toString(content.length));
    slot(sig, "sourcePatientId", patientId);
    name(sig, "Signature du lot de soumission");
    author(sig, DE_AUTHOR, SIGNATURE_ID, m);
    code(
        sig,
        DE_CLASS,
        SIGNATURE_ID,
        new Code("urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1", "URN", "Digital Signature"));
    code(sig, DE_CONFIDENTIALITY, SIGNATURE_ID, m.confidentialityCode());
    code(
        sig,
        DE_EVENT,
        SIGNATURE_ID,
        new Code(SubmissionSignature.PURPOSE_SOURCE, "1.2.840.10065.1.12", "Source"));
    code(
        sig,
        DE_FORMAT,
        SIGNATURE_ID,
        new Code("http://www.w3.org/2000/09/xmldsig#", "URN", "Default Signature Style"));
    code(sig, DE_FACILITY, SIGNATURE_ID, m.healthcareFacilityTypeCode());
    code(sig, DE_PRACTICE, SIGNATURE_ID, m.practiceSettingCode());
    code(sig, DE_TYPE, SIGNATURE_ID, new Code("E1762", "ASTM", "Full Document"));
    externalId(sig, DE_PATIENT_ID, SIGNATURE_ID, patientId, "XDSDocumentEntry.patientId");
    externalId(sig, DE_UNIQUE_ID, SIGNATURE_ID, uniqueId, "XDSDocumentEntry.uniqueId");

    Element member = add(list, RIM, "rim:Association");
    member.setAttribute("id", "as-member-signature");
    member.setAttribute("associationType", HAS_MEMBER);
    member.setAttribute("sourceObject", SUBMISSION_SET_ID);
    member.setAttribute("targetObject", SIGNATURE_ID);
    slot(member, "SubmissionSetStatus", "Original");
    Element signs = add(list, RIM, "rim:Association");
    signs.setAttribute("id", "as-signs");
    signs.setAttribute("associationType", SIGNS);
    signs.setAttribute("sourceObject", SIGNATURE_ID);
    signs.setAttribute("targetObject", SUBMISSION_SET_ID);
    return content;
  }

  private static String sha1(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int counter(Element parent) {
    return DmpXml.children(parent).size();
  }

  private static void slot(Element parent, String name, String... values) {
    Element slot = add(parent, RIM, "rim:Slot");
    slot.setAttribute("name", name);
    Element list = add(slot, RIM, "rim:ValueList");
    for (String v : values) {
      add(list, RIM, "rim:Value", v);
    }
  }

  private static void name(Element parent, String value) {
    add(add(parent, RIM, "rim:Name"), RIM, "rim:LocalizedString").setAttribute("value", value);
  }

  private static void author(
      Element parent, String scheme, String object, DocumentEntryMetadata m) {
    Element c = classification(parent, scheme, object, "");
    slot(c, "authorInstitution", m.authorInstitution());
    slot(c, "authorPerson", m.authorPerson());
    Code s = m.authorSpecialty();
    slot(c, "authorSpecialty", s.code() + "^" + s.displayName() + "^" + s.codingScheme());
    m.authorRole().ifPresent(role -> slot(c, "authorRole", role));
  }

  private static void code(Element parent, String scheme, String object, Code code) {
    Element c = classification(parent, scheme, object, code.code());
    slot(c, "codingScheme", code.codingScheme());
    name(c, code.displayName());
  }

  private static Element classification(Element parent, String scheme, String object, String node) {
    Element c = add(parent, RIM, "rim:Classification");
    c.setAttribute("id", "cl-" + object + "-" + counter(parent));
    c.setAttribute("classificationScheme", scheme);
    c.setAttribute("classifiedObject", object);
    c.setAttribute("nodeRepresentation", node);
    return c;
  }

  private static void externalId(
      Element parent, String scheme, String object, String value, String name) {
    Element x = add(parent, RIM, "rim:ExternalIdentifier");
    x.setAttribute("id", "ei-" + object + "-" + counter(parent));
    x.setAttribute("identificationScheme", scheme);
    x.setAttribute("registryObject", object);
    x.setAttribute("value", value);
    name(x, name);
  }

  /** For tests: the codes of a classification scheme in a built request. */
  static List<Element> classifications(Element request, String scheme) {
    return DmpXml.descendants(request, RIM, "Classification").stream()
        .filter(c -> scheme.equals(c.getAttribute("classificationScheme")))
        .toList();
  }
}
