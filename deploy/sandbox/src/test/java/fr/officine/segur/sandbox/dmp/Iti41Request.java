package fr.officine.segur.sandbox.dmp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An ITI-41 ProvideAndRegisterDocumentSetRequest for one officine dispensation, with every metadata
 * of DOMAIN-FACTS §2.4; {@link #without} drops one by its name to see it refused.
 */
final class Iti41Request {
  private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis());

  private final Set<String> omitted = new HashSet<>();
  private final String ins;
  private String documentUniqueId = "1.2.250.1.999.2." + SEQUENCE.incrementAndGet();
  private final String submissionSetUniqueId = "1.2.250.1.999.3." + SEQUENCE.incrementAndGet();
  private String authorRpps = "10100000016";
  private String classCode = "43";
  private String hash;
  private String size;
  private boolean signature = true;
  private TestPharmacy signer;
  private XadesTestSigner.Defect defect = XadesTestSigner.Defect.NONE;
  private final byte[] content;

  Iti41Request(String ins) {
    this.ins = ins;
    this.content =
        ("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>Dispensation "
                + documentUniqueId
                + "</title></ClinicalDocument>")
            .getBytes(StandardCharsets.UTF_8);
  }

  /** The same request carrying {@code content} as the dispensation document. */
  Iti41Request(String ins, byte[] content) {
    this.ins = ins;
    this.content = content.clone();
  }

  Iti41Request without(String metadata) {
    omitted.add(metadata);
    return this;
  }

  Iti41Request uniqueId(String uniqueId) {
    this.documentUniqueId = uniqueId;
    return this;
  }

  Iti41Request author(String rpps) {
    this.authorRpps = rpps;
    return this;
  }

  Iti41Request classCode(String code) {
    this.classCode = code;
    return this;
  }

  Iti41Request hash(String sha1) {
    this.hash = sha1;
    return this;
  }

  Iti41Request size(String bytes) {
    this.size = bytes;
    return this;
  }

  /**
   * The XAdES signature of the submission set, a second document (DOMAIN-FACTS §2.4), is there by
   * default, signed with Pharmacie du Marché's seal; this says so explicitly.
   */
  Iti41Request signed() {
    this.signature = true;
    return this;
  }

  /** No signature document: a submission set the DMP must refuse. */
  Iti41Request unsigned() {
    this.signature = false;
    return this;
  }

  /** Signed with {@code signer}'s key and certificate, or with a defect. */
  Iti41Request signedBy(TestPharmacy signer, XadesTestSigner.Defect defect) {
    this.signature = true;
    this.signer = signer;
    this.defect = defect;
    return this;
  }

  String uniqueId() {
    return documentUniqueId;
  }

  String submissionSetUniqueId() {
    return submissionSetUniqueId;
  }

  byte[] content() {
    return content;
  }

  private String patientId() {
    return ins + "^^^&amp;1.2.250.1.213.1.4.8&amp;ISO^NH";
  }

  private boolean has(String name) {
    return !omitted.contains(name);
  }

  String xml() {
    StringBuilder x = new StringBuilder();
    x.append("<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\"")
        .append(" xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0\"")
        .append(" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">")
        .append("<lcm:SubmitObjectsRequest><rim:RegistryObjectList>");
    // Document entry
    x.append(
        "<rim:ExtrinsicObject id=\"Document01\" objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\"");
    if (has("mimeType")) {
      x.append(" mimeType=\"text/xml\"");
    }
    x.append(">");
    slotIf(x, "creationTime", "20261123101500");
    if (hash != null) {
      slot(x, "hash", hash);
    }
    slotIf(x, "languageCode", "fr-FR");
    if (size != null) {
      slot(x, "size", size);
    }
    slotIf(x, "sourcePatientId", "IPP12345^^^&amp;1.2.250.1.999.9&amp;ISO^PI");
    slot(x, "sourcePatientInfo", "PID-5|ADRUN^ZOE^^^^^L");
    x.append("<rim:Name><rim:LocalizedString value=\"Dispensation médicamenteuse\"/></rim:Name>");
    if (has("author")) {
      x.append(
          "<rim:Classification id=\"cl-author\" classificationScheme=\"urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d\" classifiedObject=\"Document01\" nodeRepresentation=\"\">");
      slotIf(
          x,
          "authorPerson",
          "8" + authorRpps + "^MARTIN^Claire^^^^^^&amp;1.2.250.1.71.4.2.1&amp;ISO^D^^^IDNPS");
      slotIf(
          x,
          "authorInstitution",
          "Pharmacie du Marché^^^^^&amp;1.2.250.1.71.4.2.2&amp;ISO^IDNST^^^1690100011");
      slotIf(x, "authorSpecialty", "G15_21/A^Titulaire d'officine^1.2.250.1.213.1.1.4.5");
      x.append("</rim:Classification>");
    }
    codeIf(
        x,
        "classCode",
        "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a",
        classCode,
        "1.2.250.1.213.1.1.4.1",
        "Dispensation");
    codeIf(
        x,
        "confidentialityCode",
        "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f",
        "N",
        "2.16.840.1.113883.5.25",
        "Normal");
    codeIf(
        x,
        "formatCode",
        "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d",
        "urn:ihe:pharm:dis:2010",
        "1.3.6.1.4.1.19376.1.2.3",
        "Dispensation eDISP");
    codeIf(
        x,
        "healthcareFacilityTypeCode",
        "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1",
        "SA33",
        "1.2.250.1.71.4.2.4",
        "Pharmacie d'officine");
    codeIf(
        x,
        "practiceSettingCode",
        "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead",
        "AMBULATOIRE",
        "1.2.250.1.213.1.1.4.9",
        "Ambulatoire");
    codeIf(
        x,
        "typeCode",
        "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983",
        "60593-1",
        "2.16.840.1.113883.6.1",
        "Dispensation médicamenteuse");
    externalIf(
        x,
        "patientId",
        "Document01",
        "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427",
        patientId(),
        "XDSDocumentEntry.patientId");
    externalIf(
        x,
        "uniqueId",
        "Document01",
        "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab",
        documentUniqueId,
        "XDSDocumentEntry.uniqueId");
    x.append("</rim:ExtrinsicObject>");
    if (signature) {
      x.append(
          "<rim:ExtrinsicObject id=\"Signature01\" mimeType=\"text/xml\" objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\">");
      slot(x, "creationTime", "20261123101500");
      slot(x, "languageCode", "art");
      code(
          x,
          "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a",
          "urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1",
          "URN",
          "Digital Signature",
          "Signature01");
      code(
          x,
          "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d",
          "http://www.w3.org/2000/09/xmldsig#",
          "URN",
          "Default Signature Style",
          "Signature01");
      external(
          x,
          "Signature01",
          "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427",
          patientId(),
          "XDSDocumentEntry.patientId");
      external(
          x,
          "Signature01",
          "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab",
          documentUniqueId + ".1",
          "XDSDocumentEntry.uniqueId");
      x.append("</rim:ExtrinsicObject>");
    }
    // Submission set
    x.append("<rim:RegistryPackage id=\"SubmissionSet01\">");
    slotIf(x, "SubmissionSet.submissionTime", "submissionTime", "20261123101600");
    x.append("<rim:Name><rim:LocalizedString value=\"Lot de soumission\"/></rim:Name>");
    if (has("SubmissionSet.contentTypeCode")) {
      code(
          x,
          "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500",
          "SA33",
          "1.2.250.1.71.4.2.4",
          "Pharmacie d'officine",
          "SubmissionSet01");
    }
    externalIf(
        x,
        "SubmissionSet.patientId",
        "SubmissionSet01",
        "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446",
        patientId(),
        "XDSSubmissionSet.patientId");
    externalIf(
        x,
        "SubmissionSet.sourceId",
        "SubmissionSet01",
        "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832",
        "1.2.250.1.999.4",
        "XDSSubmissionSet.sourceId");
    externalIf(
        x,
        "SubmissionSet.uniqueId",
        "SubmissionSet01",
        "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8",
        submissionSetUniqueId,
        "XDSSubmissionSet.uniqueId");
    x.append("</rim:RegistryPackage>");
    x.append(
        "<rim:Classification id=\"cl-ss\" classifiedObject=\"SubmissionSet01\" classificationNode=\"urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd\"/>");
    if (has("association")) {
      association(
          x,
          "as01",
          "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember",
          "SubmissionSet01",
          "Document01",
          true);
    }
    if (signature) {
      association(
          x,
          "as02",
          "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember",
          "SubmissionSet01",
          "Signature01",
          true);
      association(
          x,
          "as03",
          "urn:ihe:iti:2007:AssociationType:signs",
          "Signature01",
          "SubmissionSet01",
          false);
    }
    x.append("</rim:RegistryObjectList></lcm:SubmitObjectsRequest>");
    if (has("document")) {
      x.append("<xdsb:Document id=\"Document01\">")
          .append(Base64.getEncoder().encodeToString(content))
          .append("</xdsb:Document>");
    }
    if (signature) {
      byte[] xades =
          XadesTestSigner.sign(
              Map.of(
                  "urn:oid:" + submissionSetUniqueId,
                  submissionSetUniqueId.getBytes(StandardCharsets.UTF_8),
                  "urn:oid:" + documentUniqueId,
                  content),
              signer != null ? signer : TestPharmacy.seal(TestPharmacy.MARCHE),
              defect);
      x.append("<xdsb:Document id=\"Signature01\">")
          .append(Base64.getEncoder().encodeToString(xades))
          .append("</xdsb:Document>");
    }
    x.append("</xdsb:ProvideAndRegisterDocumentSetRequest>");
    return x.toString();
  }

  private void slotIf(StringBuilder x, String name, String value) {
    slotIf(x, name, name, value);
  }

  private void slotIf(StringBuilder x, String key, String name, String value) {
    if (has(key)) {
      slot(x, name, value);
    }
  }

  private static void slot(StringBuilder x, String name, String value) {
    x.append("<rim:Slot name=\"")
        .append(name)
        .append("\"><rim:ValueList><rim:Value>")
        .append(value)
        .append("</rim:Value></rim:ValueList></rim:Slot>");
  }

  private void codeIf(
      StringBuilder x,
      String name,
      String scheme,
      String code,
      String codingScheme,
      String display) {
    if (has(name)) {
      code(x, scheme, code, codingScheme, display, "Document01");
    }
  }

  private static void code(
      StringBuilder x,
      String scheme,
      String code,
      String codingScheme,
      String display,
      String object) {
    x.append("<rim:Classification id=\"cl-")
        .append(Math.abs((scheme + object).hashCode()))
        .append("\" classificationScheme=\"")
        .append(scheme)
        .append("\" classifiedObject=\"")
        .append(object)
        .append("\" nodeRepresentation=\"")
        .append(code)
        .append("\">");
    slot(x, "codingScheme", codingScheme);
    x.append("<rim:Name><rim:LocalizedString value=\"")
        .append(display.replace("'", "&apos;"))
        .append("\"/></rim:Name></rim:Classification>");
  }

  private void externalIf(
      StringBuilder x, String key, String object, String scheme, String value, String name) {
    if (has(key)) {
      external(x, object, scheme, value, name);
    }
  }

  private static void external(
      StringBuilder x, String object, String scheme, String value, String name) {
    x.append("<rim:ExternalIdentifier id=\"ei-")
        .append(Math.abs((scheme + object).hashCode()))
        .append("\" identificationScheme=\"")
        .append(scheme)
        .append("\" registryObject=\"")
        .append(object)
        .append("\" value=\"")
        .append(value)
        .append("\">")
        .append("<rim:Name><rim:LocalizedString value=\"")
        .append(name)
        .append("\"/></rim:Name></rim:ExternalIdentifier>");
  }

  private static void association(
      StringBuilder x, String id, String type, String source, String target, boolean original) {
    x.append("<rim:Association id=\"")
        .append(id)
        .append("\" associationType=\"")
        .append(type)
        .append("\" sourceObject=\"")
        .append(source)
        .append("\" targetObject=\"")
        .append(target)
        .append("\">");
    if (original) {
      slot(x, "SubmissionSetStatus", "Original");
    }
    x.append("</rim:Association>");
  }
}
