package fr.officine.segur.mssante;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.dispensation.Dispensation;
import fr.officine.segur.dispensation.DispensationStatus;
import fr.officine.segur.dmp.document.DispensationDocument;
import fr.officine.segur.dmp.document.DispensationDocumentData;
import fr.officine.segur.dmp.document.DispensationDocuments;
import fr.officine.segur.dmp.document.DispensationSamples;
import fr.officine.segur.dmp.document.DocumentEntryMetadata;
import fr.officine.segur.dmp.document.StoredDocument;
import fr.officine.segur.prescription.Prescription.Product;
import fr.officine.segur.trust.AuthMode;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The document as MSSanté carries it (IHE XDM, ITI-32) and the message around it: built from a real
 * dispensation document, unzipped, METADATA.XML validated against the ebRS 3.0 schema and read
 * back.
 */
class XdmPackageTest {
  static final DispensationDocumentData DATA = DispensationSamples.knownGood();
  static final DispensationDocument DOCUMENT = DispensationDocuments.create().build(DATA);
  static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 23, 10, 45, 0, 0, ZoneOffset.UTC);
  static final StoredDocument STORED =
      new StoredDocument(
          DispensationId.parse("7a2d4c1e-0f3b-4e5a-9c8d-1b2a3c4d5e6f"),
          DOCUMENT,
          DocumentEntryMetadata.of(DATA, DOCUMENT),
          DATA.patient().ins(),
          DATA.responsiblePharmacist(),
          AuthMode.values()[0],
          "690100011",
          "Pharmacie du Marché",
          AT);

  @Test
  void the_zip_holds_index_readme_and_one_subset_with_metadata_and_the_cda_byte_for_byte()
      throws Exception {
    Map<String, byte[]> entries = unzip(XdmPackage.zip(STORED, "msg-1", AT));
    assertThat(entries.keySet())
        .containsExactly(
            "INDEX.HTM",
            "README.TXT",
            "IHE_XDM/SUBSET01/METADATA.XML",
            "IHE_XDM/SUBSET01/DOC00001.XML");
    assertThat(entries.get("IHE_XDM/SUBSET01/DOC00001.XML")).isEqualTo(DOCUMENT.cda());
    assertThat(new String(entries.get("INDEX.HTM"), "UTF-8"))
        .contains("IHE_XDM/SUBSET01/DOC00001.XML");
  }

  @Test
  void
      metadata_is_a_valid_ebrs_submission_whose_entry_names_the_document_file_its_uniqueid_hash_and_ins()
          throws Exception {
    byte[] metadata =
        unzip(XdmPackage.zip(STORED, "msg-1", AT)).get("IHE_XDM/SUBSET01/METADATA.XML");
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    f.setFeature("http://apache.org/xml/features/honour-all-schemaLocations", true);
    f.newSchema(Path.of("target/ihe/wsdl/schema/ebRS30/lcm.xsd").toFile())
        .newValidator()
        .validate(new StreamSource(new ByteArrayInputStream(metadata)));

    Document doc = parse(metadata);
    XPath x = XPathFactory.newInstance().newXPath();
    String entry =
        "/*[local-name()='SubmitObjectsRequest']/*[local-name()='RegistryObjectList']"
            + "/*[local-name()='ExtrinsicObject']";
    assertThat(
            x.evaluate(
                entry + "/*[local-name()='Slot'][@name='URI']//*[local-name()='Value']", doc))
        .isEqualTo("DOC00001.XML");
    assertThat(x.evaluate("local-name(" + entry + "/*[1])", doc)).isEqualTo("Slot");
    assertThat(
            x.evaluate(
                entry
                    + "/*[local-name()='ExternalIdentifier'][@identificationScheme="
                    + "'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab']/@value",
                doc))
        .isEqualTo(DOCUMENT.uniqueId());
    assertThat(
            x.evaluate(
                entry + "/*[local-name()='Slot'][@name='hash']//*[local-name()='Value']", doc))
        .isEqualTo(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(DOCUMENT.cda())));
    assertThat(
            x.evaluate(
                entry + "/*[local-name()='Slot'][@name='size']//*[local-name()='Value']", doc))
        .isEqualTo(Integer.toString(DOCUMENT.cda().length));
    assertThat(
            x.evaluate(
                entry
                    + "/*[local-name()='ExternalIdentifier'][@identificationScheme="
                    + "'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427']/@value",
                doc))
        .startsWith(DATA.patient().ins().orElseThrow().number() + "^^^&");
    NodeList sets =
        (NodeList) x.evaluate("//*[local-name()='RegistryPackage']", doc, XPathConstants.NODESET);
    assertThat(sets.getLength()).isEqualTo(1);
  }

  @Test
  void one_message_always_builds_the_same_package_and_another_message_another_submission_set() {
    assertThat(XdmPackage.zip(STORED, "msg-1", AT)).isEqualTo(XdmPackage.zip(STORED, "msg-1", AT));
    assertThat(XdmPackage.submissionSetUniqueId("msg-1"))
        .isNotEqualTo(XdmPackage.submissionSetUniqueId("msg-2"))
        .startsWith("2.25.");
  }

  @Test
  void the_prescriber_is_the_one_the_document_names() {
    DocumentPrescriber p = DocumentPrescriber.of(DOCUMENT.cda()).orElseThrow();
    assertThat(p.rpps().value()).isEqualTo("10100000057");
    assertThat(p.familyName()).isEqualTo("LAMBERT");
    assertThat(p.givenName()).isEqualTo("Hélène");
    assertThat(DocumentPrescriber.of("<x/>".getBytes())).isEmpty();
  }

  @Test
  void the_message_says_the_changes_in_french_carries_the_mssante_headers_and_both_attachments()
      throws Exception {
    Dispensation d =
        new Dispensation(
            STORED.dispensationId(),
            PrescriptionNumber.of(DispensationSamples.PRESCRIPTION_NUMBER),
            "690100011",
            "Pharmacie du Marché",
            "titulaire",
            Optional.of("10100000016"),
            "Claire MARTIN",
            AuthMode.values()[0],
            DispensationStatus.RECORDED,
            AT,
            1,
            Optional.of(AT),
            Optional.empty(),
            Optional.empty(),
            List.of(
                new Dispensation.Line(
                    "L1", 2, Optional.empty(), Optional.empty(), Optional.empty()),
                new Dispensation.Line(
                    "L2",
                    1,
                    Optional.of(
                        new Product(
                            "3400936404250", "CIP13", DispensationSamples.AMOXICILLINE_GENERIQUE)),
                    Optional.empty(),
                    Optional.empty()),
                new Dispensation.Line(
                    "L3",
                    0,
                    Optional.empty(),
                    Optional.of(NotDeliveredReason.RUPTURE_STOCK),
                    Optional.empty())),
            List.of());
    PrescriberLetter letter =
        PrescriberLetter.of(d, STORED, DocumentPrescriber.of(DOCUMENT.cda()).orElseThrow());
    assertThat(letter.subject())
        .isEqualTo(
            "Dispensation modifiée — ordonnance n° "
                + DispensationSamples.PRESCRIPTION_NUMBER
                + " du 23/11/2026");
    assertThat(letter.body())
        .startsWith("Bonjour Docteur Hélène LAMBERT,")
        .contains("pour NESSI RUTH, née le 14/07/1977")
        .contains(
            "ligne L2 : substituée par 1 boîte d'" + DispensationSamples.AMOXICILLINE_GENERIQUE)
        .contains("ligne L3 : non délivrée (Rupture de stock / produit indisponible)")
        .doesNotContain("ligne L1");

    byte[] xdm = XdmPackage.zip(STORED, "msg-1", AT);
    MimeMessage built =
        MssanteMessage.build(
            Session.getInstance(new Properties()),
            "msg-1",
            AT,
            "pharmacie-du-marche@pharmacien.mssante.test",
            "helene.lambert@medecin.mssante.test",
            letter,
            STORED,
            xdm);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    built.writeTo(raw);
    MimeMessage read =
        new MimeMessage(
            Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
    assertThat(read.getMessageID()).isEqualTo("<msg-1@officine-segur.690100011>");
    assertThat(read.getHeader("X-MSS-CODECDA")).containsExactly("60593-1");
    assertThat(read.getHeader("X-MSS-INS")).containsExactly("O");
    assertThat(read.getHeader("Disposition-Notification-To"))
        .containsExactly("pharmacie-du-marche@pharmacien.mssante.test");
    assertThat(read.getSubject()).isEqualTo(letter.subject());
    List<String> attachments = new ArrayList<>();
    Multipart parts = (Multipart) read.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      Part part = parts.getBodyPart(i);
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        attachments.add(part.getFileName() + " " + part.getContentType().split(";")[0]);
        if (part.getFileName().equals("IHE_XDM.ZIP")) {
          assertThat(part.getInputStream().readAllBytes()).isEqualTo(xdm);
        }
      }
    }
    assertThat(attachments)
        .containsExactly("IHE_XDM.ZIP application/zip", "dispensation.pdf application/pdf");
  }

  static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }
}
