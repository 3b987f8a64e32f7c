package fr.officine.segur.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.dmp.document.DispensationDocument;
import fr.officine.segur.dmp.document.DispensationDocumentData;
import fr.officine.segur.dmp.document.DispensationSamples;
import fr.officine.segur.dmp.document.DocumentEntryMetadata;
import fr.officine.segur.dmp.document.MetadataText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

class XdsSubmissionTest {
  static final DispensationDocumentData DATA = DispensationSamples.knownGood();
  static final DispensationDocument DOC =
      new DispensationDocument(
          DATA.ids().xdsUniqueId(),
          "<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8),
          new byte[] {1});
  static final DocumentEntryMetadata META = DocumentEntryMetadata.of(DATA, DOC);

  static final fr.officine.segur.sandbox.pki.TestPki PKI =
      fr.officine.segur.sandbox.pki.TestPki.temporary(java.time.Clock.systemUTC());

  @org.junit.jupiter.api.AfterAll
  static void removePki() {
    PKI.close();
  }

  static Element request() {
    return XdsSubmission.request(
        new XdsSubmission.Submission(
            META, DOC.cda(), "2.25.1234", DmpSender.SOURCE_ID, "20261123094200"),
        java.util.Optional.of(
            new fr.officine.segur.trust.PharmacyCredentials(PKI.issuedDirectory())
                .seal("690100011")));
  }

  @Test
  void submission_set_signature_references_the_set_and_the_document_and_verifies()
      throws Exception {
    Element r = request();
    Element signatureDoc =
        DmpXml.descendants(r, DmpXml.XDSB, "Document").stream()
            .filter(d -> XdsSubmission.SIGNATURE_ID.equals(d.getAttribute("id")))
            .findFirst()
            .orElseThrow();
    byte[] bytes = java.util.Base64.getDecoder().decode(signatureDoc.getTextContent());
    org.w3c.dom.Document sig = DmpXml.parse(bytes);
    List<String> uris =
        DmpXml.descendants(sig.getDocumentElement(), DmpXml.DSIG, "Reference").stream()
            .map(e -> e.getAttribute("URI"))
            .toList();
    assertThat(uris)
        .contains(
            "urn:oid:2.25.1234", "urn:oid:" + DOC.uniqueId().replace("^", "%5E"), "#IHEManifest");
    var seal =
        new fr.officine.segur.trust.PharmacyCredentials(PKI.issuedDirectory())
            .seal("690100011")
            .certificate();
    var key = seal.getPublicKey();
    // the Ids the SignedInfo points to, as a validator declares them on the document it parsed
    for (Element e : DmpXml.descendants(sig.getDocumentElement(), "*", "*")) {
      if (e.hasAttribute("Id")) {
        e.setIdAttribute("Id", true);
      }
    }
    var context = new javax.xml.crypto.dsig.dom.DOMValidateContext(key, sig.getDocumentElement());
    var signature =
        javax.xml.crypto.dsig.XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
    assertThat(signature.getSignedInfo().getReferences())
        .allMatch(
            ref -> {
              try {
                return ((javax.xml.crypto.dsig.Reference) ref).validate(context);
              } catch (Exception e) {
                return false;
              }
            });
    assertThat(signature.getSignatureValue().validate(context)).isTrue();
    // XAdES (PDSM4DMP transaction_td2: « signé en XAdES »): SignedProperties signed, with the
    // signing time and the signing certificate's digest
    assertThat(signature.getSignedInfo().getReferences())
        .anyMatch(
            ref ->
                SubmissionSignature.SIGNED_PROPERTIES_TYPE.equals(
                    ((javax.xml.crypto.dsig.Reference) ref).getType()));
    Element signedProperties =
        DmpXml.descendants(sig.getDocumentElement(), SubmissionSignature.XADES, "SignedProperties")
            .get(0);
    assertThat(
            DmpXml.text(
                DmpXml.descendants(signedProperties, SubmissionSignature.XADES, "SigningTime")
                    .get(0)))
        .isEqualTo("2026-11-23T09:42:00Z");
    Element certDigest =
        DmpXml.descendants(signedProperties, SubmissionSignature.XADES, "CertDigest").get(0);
    assertThat(DmpXml.text(DmpXml.descendants(certDigest, DmpXml.DSIG, "DigestValue").get(0)))
        .isEqualTo(
            java.util.Base64.getEncoder()
                .encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(seal.getEncoded())));
    assertThat(
            DmpXml.text(
                DmpXml.descendants(signedProperties, DmpXml.DSIG, "X509SerialNumber").get(0)))
        .isEqualTo(seal.getSerialNumber().toString());
    assertThat(node(r, XdsSubmission.DE_CLASS)).isEqualTo("43");
    assertThat(XdsSubmission.classifications(r, XdsSubmission.DE_CLASS))
        .anyMatch(
            c ->
                "urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1".equals(c.getAttribute("nodeRepresentation")));
  }

  @Test
  void iti41_request_is_valid_against_the_ihe_xdsb_and_ebrim_schemas() throws Exception {
    Path xsd = Path.of("target/ihe/wsdl/schema/IHE/IHEXDSB.xsd");
    assertThat(xsd).exists();
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    // rim.xsd imports IHE's xcf.xsd into the namespace IHEXDSB.xsd defines: both must be read
    f.setFeature("http://apache.org/xml/features/honour-all-schemaLocations", true);
    Validator v = f.newSchema(xsd.toFile()).newValidator();
    List<String> errors = new ArrayList<>();
    v.setErrorHandler(
        new ErrorHandler() {
          public void warning(SAXParseException e) {}

          public void error(SAXParseException e) {
            errors.add(e.getMessage());
          }

          public void fatalError(SAXParseException e) {
            errors.add(e.getMessage());
          }
        });
    v.validate(new DOMSource(request()));
    assertThat(errors).isEmpty();
  }

  @Test
  void document_entry_carries_the_dmp_dispensation_codes() {
    Element r = request();
    assertThat(node(r, XdsSubmission.DE_CLASS)).isEqualTo("43");
    assertThat(node(r, XdsSubmission.DE_TYPE)).isEqualTo("60593-1");
    assertThat(node(r, XdsSubmission.DE_FORMAT)).isEqualTo("urn:ihe:pharm:dis:2010");
    assertThat(node(r, XdsSubmission.DE_FACILITY)).isEqualTo("SA33");
    assertThat(node(r, XdsSubmission.DE_PRACTICE)).isEqualTo("AMBULATOIRE");
    assertThat(node(r, XdsSubmission.DE_CONFIDENTIALITY)).isEqualTo("N");
    assertThat(node(r, XdsSubmission.SS_CONTENT_TYPE)).isEqualTo("SA33");
    assertThat(externalId(r, XdsSubmission.DE_PATIENT_ID))
        .isEqualTo("277076322082910^^^&1.2.250.1.213.1.4.10&ISO^NH");
    assertThat(externalId(r, XdsSubmission.SS_PATIENT_ID))
        .isEqualTo(externalId(r, XdsSubmission.DE_PATIENT_ID));
    assertThat(externalId(r, XdsSubmission.DE_UNIQUE_ID)).isEqualTo(DOC.uniqueId());
    assertThat(externalId(r, XdsSubmission.SS_SOURCE_ID)).startsWith("2.25.");
    Element author = XdsSubmission.classifications(r, XdsSubmission.DE_AUTHOR).get(0);
    assertThat(author.getTextContent())
        .contains("810100000016^MARTIN^Claire^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS")
        .contains("Pharmacie du Marché^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1690100011")
        .contains("G15_21/A^Pharmacien titulaire d'officine^1.2.250.1.213.1.1.4.5")
        .contains("Pharmacien titulaire");
    // A dispensation is an instant: no serviceEvent/effectiveTime/high in the CDA, no
    // serviceStopTime.
    assertThat(r.getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0", "Slot"))
        .satisfies(
            slots -> {
              for (int i = 0; i < slots.getLength(); i++) {
                assertThat(((Element) slots.item(i)).getAttribute("name"))
                    .isNotEqualTo("serviceStopTime");
              }
            });
  }

  @Test
  void stored_metadata_reads_back_identical() {
    assertThat(MetadataText.read(MetadataText.write(META))).isEqualTo(META);
  }

  private static String node(Element r, String scheme) {
    return XdsSubmission.classifications(r, scheme).get(0).getAttribute("nodeRepresentation");
  }

  private static String externalId(Element r, String scheme) {
    return DmpXml.descendants(r, DmpXml.RIM, "ExternalIdentifier").stream()
        .filter(x -> scheme.equals(x.getAttribute("identificationScheme")))
        .findFirst()
        .orElseThrow()
        .getAttribute("value");
  }
}
