package fr.officine.segur.dmp.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The CDA eDISP-MED of a dispensation against the official material: CDA_extended.xsd and the
 * CI-SIS eDISP-MED 2024.01 schematron (shared/), plus the project's complementary schematron.
 * Known-good sample, then one field changed, then the exact assertion expected.
 */
class EdispCdaWriterTest {
  static final String QUANTITY_MISSING =
      "[E_dispensationMedicament.sch] Erreur de conformité CI-SIS : l'élément quantity de l'entrée"
          + " FR-Dispensation-item( 1.3.6.1.4.1.19376.1.9.1.3.4 ) doit être présent [1..1].";
  static final String CIP13_MISSING =
      "[officine-eDISP] Erreur : l'entrée FR-Traitement-dispense doit porter le code CIP13"
          + " (1.2.250.1.213.2.3.2, 13 chiffres) du produit délivré.";

  static DispensationDocument document;
  static CdaSchema xsd;
  static Schematron edisp;
  static Schematron complements;

  @BeforeAll
  static void build() throws Exception {
    document = DispensationDocuments.create().build(DispensationSamples.knownGood());
    xsd = new CdaSchema();
    edisp = new Schematron(ConformanceMaterial.resolve(ConformanceMaterial.EDISP));
    complements =
        new Schematron(
            Path.of(
                EdispCdaWriterTest.class
                    .getResource("/schematron/officine-edisp-complements.sch")
                    .toURI()));
    Path out = Path.of("target", "dispensation-documents");
    Files.createDirectories(out);
    Files.write(out.resolve("dispensation.cda.xml"), document.cda());
    Files.write(out.resolve("dispensation.pdf"), document.pdf());
  }

  @Test
  void generated_cda_is_valid_against_cda_extended_xsd() {
    assertThat(xsd.errors(document.cda())).isEmpty();
  }

  @Test
  void generated_cda_passes_the_edisp_med_2024_01_schematron() {
    Schematron.Report report = edisp.validate(document.cda());
    assertThat(report.firedRules())
        .as("rules that looked at the document")
        .isGreaterThanOrEqualTo(8);
    assertThat(report.failedAsserts()).isEmpty();
    assertThat(report.successfulReports()).isEmpty();
  }

  @Test
  void generated_cda_passes_the_project_complementary_schematron() {
    Schematron.Report report = complements.validate(document.cda());
    assertThat(report.firedRules()).isGreaterThanOrEqualTo(6);
    assertThat(report.failedAsserts()).isEmpty();
  }

  @Test
  void the_official_ans_edisp_sample_passes_the_same_validators() throws Exception {
    // Proves the validators accept what ANS publishes as correct, so our zero errors mean
    // something.
    byte[] sample =
        Files.readAllBytes(ConformanceMaterial.resolve(ConformanceMaterial.ANS_EDISP_SAMPLE));
    assertThat(xsd.errors(sample)).isEmpty();
    assertThat(edisp.validate(sample).failedAsserts()).isEmpty();
  }

  @Test
  void a_delivered_line_without_quantity_is_caught_by_the_edisp_schematron() throws Exception {
    Document cda = parse(document.cda());
    Element supply = supplies(cda).get(1);
    supply.removeChild(child(supply, "quantity"));

    Schematron.Report report = edisp.validate(serialize(cda));

    assertThat(report.failedAsserts()).containsExactly(QUANTITY_MISSING);
  }

  @Test
  void a_delivered_line_without_cip13_is_caught_by_the_complementary_schematron() throws Exception {
    // The official eDISP schematron does not check the product code: the project's one does.
    Document cda = parse(document.cda());
    Element code =
        (Element)
            xpath()
                .evaluate(
                    "(//h:supply)[1]/h:product/h:manufacturedProduct/h:manufacturedMaterial/h:code",
                    cda,
                    XPathConstants.NODE);
    code.removeChild(child(code, "translation"));

    byte[] changed = serialize(cda);

    assertThat(complements.validate(changed).failedAsserts()).containsExactly(CIP13_MISSING);
    assertThat(edisp.validate(changed).failedAsserts()).isEmpty();
    assertThat(xsd.errors(changed)).isEmpty();
  }

  @Test
  void one_supply_per_line_with_cip13_box_quantity_completeness_and_dispenser_note()
      throws Exception {
    Document cda = parse(document.cda());
    List<Element> supplies = supplies(cda);
    // 4 lines, one not delivered (out of stock): 4 supply entries, the structured part says it too.
    assertThat(supplies).hasSize(4);
    XPath x = xpath();
    assertThat(
            x.evaluate("(//h:supply)[1]//h:manufacturedMaterial/h:code/h:translation/@code", cda))
        .isEqualTo("3400935955838");
    assertThat(
            x.evaluate(
                "(//h:supply)[1]//h:manufacturedMaterial/h:code/h:translation/@codeSystem", cda))
        .isEqualTo("1.2.250.1.213.2.3.2");
    assertThat(x.evaluate("(//h:supply)[1]/h:quantity/@value", cda)).isEqualTo("2");
    assertThat(x.evaluate("(//h:supply)[1]/h:quantity/@unit", cda)).isEqualTo("30009000");
    assertThat(x.evaluate("(//h:supply)[1]/h:code/@code", cda)).isEqualTo("FFC");
    // Substituted line: the generic is the product, the substitution act says G.
    assertThat(
            x.evaluate("(//h:supply)[2]//h:manufacturedMaterial/h:code/h:translation/@code", cda))
        .isEqualTo("3400936404250");
    assertThat(x.evaluate("(//h:supply)[2]/h:code/@code", cda)).isEqualTo("FFP");
    assertThat(
            x.evaluate(
                "(//h:supply)[2]/h:entryRelationship[@typeCode='COMP']/h:act[h:templateId/@root='1.3.6.1.4.1.19376.1.9.1.3.9.2']/h:code/@code",
                cda))
        .isEqualTo("G");
    // Each e-prescription line is referenced; the prescription itself too.
    assertThat(
            x.evaluate(
                "(//h:supply)[2]/h:entryRelationship[@typeCode='REFR']/h:substanceAdministration/h:id/@extension",
                cda))
        .isEqualTo(DispensationSamples.PRESCRIPTION_NUMBER + "-L2");
    assertThat(
            x.evaluate(
                "(//h:supply)[2]/h:entryRelationship[@typeCode='REFR']//h:externalDocument/h:id/@root",
                cda))
        .isEqualTo("1.2.250.1.215.500.1.1");
    assertThat(x.evaluate("/h:ClinicalDocument/h:inFulfillmentOf/h:order/h:id/@extension", cda))
        .isEqualTo(DispensationSamples.PRESCRIPTION_NUMBER);
    // Not delivered: quantity 0, no completeness, the reason in the dispenser note.
    assertThat(x.evaluate("(//h:supply)[3]/h:quantity/@value", cda)).isEqualTo("0");
    assertThat(x.evaluate("count((//h:supply)[3]/h:code)", cda)).isEqualTo("0");
    assertThat(
            x.evaluate(
                "//h:content[@ID=substring-after((//h:supply)[3]/h:entryRelationship[@typeCode='SUBJ']/h:act/h:text/h:reference/@value, '#')]",
                cda))
        .isEqualTo("Non délivré. Motif : Rupture de stock / produit indisponible.");
    // The handwritten line has no item to refer to, and says why in its dispenser note.
    assertThat(x.evaluate("count((//h:supply)[4]/h:entryRelationship[@typeCode='REFR'])", cda))
        .isEqualTo("0");
    assertThat(
            x.evaluate(
                "(//h:supply)[4]/h:entryRelationship[@typeCode='SUBJ']/h:act/h:code/@code", cda))
        .isEqualTo("FINSTRUCT");
    // Every supply has its note (CI-SIS E_supplyEntry_fr) and who served (the préparatrice here).
    for (int i = 1; i <= 4; i++) {
      assertThat(
              x.evaluate(
                  "count((//h:supply)["
                      + i
                      + "]/h:entryRelationship[@typeCode='SUBJ']/h:act[h:templateId/@root='1.3.6.1.4.1.19376.1.5.3.1.4.3.1'])",
                  cda))
          .isEqualTo("1");
      assertThat(
              x.evaluate("(//h:supply)[" + i + "]/h:performer/h:assignedEntity/h:code/@code", cda))
          .isEqualTo("G15_39");
    }
    assertThat(x.evaluate("//h:section[h:code/@code='60590-7']/h:text", cda))
        .contains("Mention manuscrite")
        .contains("Rupture de stock");
  }

  @Test
  void header_identifies_patient_by_ins_pharmacist_by_rpps_and_pharmacy_by_finess()
      throws Exception {
    Document cda = parse(document.cda());
    XPath x = xpath();
    assertThat(x.evaluate("/h:ClinicalDocument/h:recordTarget/h:patientRole/h:id/@root", cda))
        .isEqualTo("1.2.250.1.213.1.4.10");
    assertThat(x.evaluate("/h:ClinicalDocument/h:recordTarget/h:patientRole/h:id/@extension", cda))
        .isEqualTo("277076322082910");
    assertThat(x.evaluate("/h:ClinicalDocument/h:author/h:assignedAuthor/h:id/@extension", cda))
        .isEqualTo("810100000016");
    assertThat(x.evaluate("/h:ClinicalDocument/h:author/h:assignedAuthor/h:code/@code", cda))
        .isEqualTo("G15_21/A");
    assertThat(
            x.evaluate(
                "//h:section[h:code/@code='60590-7']/h:author/h:assignedAuthor/h:code/@code", cda))
        .isEqualTo("G15_21");
    assertThat(x.evaluate("/h:ClinicalDocument/h:custodian//h:id/@extension", cda))
        .isEqualTo("1690100011");
    assertThat(x.evaluate("//h:healthCareFacility/h:code/@code", cda)).isEqualTo("SA33");
    assertThat(x.evaluate("/h:ClinicalDocument/h:author//h:standardIndustryClassCode/@code", cda))
        .isEqualTo("AMBULATOIRE");
    assertThat(x.evaluate("/h:ClinicalDocument/h:id/@root", cda))
        .isEqualTo("1.2.250.1.213.1.1.9.690100011");
    assertThat(document.uniqueId()).isEqualTo("1.2.250.1.213.1.1.9.690100011^DISP-2026-000042");
  }

  @Test
  void without_ins_the_patient_has_a_local_id_of_the_pharmacy_never_an_ins_and_stays_valid()
      throws Exception {
    // Not sendable to the DMP (no INS), but the document still exists for printing.
    byte[] cda = new EdispCdaWriter().write(DispensationSamples.withoutIns(), document.pdf());
    Document parsed = parse(cda);
    assertThat(
            xpath().evaluate("/h:ClinicalDocument/h:recordTarget/h:patientRole/h:id/@root", parsed))
        .startsWith("2.25.")
        .isEqualTo(EdispCdaWriter.localPatientDomain(DispensationSamples.PHARMACIE_DU_MARCHE));
    assertThat(
            xpath()
                .evaluate(
                    "/h:ClinicalDocument/h:recordTarget/h:patientRole/h:id/@extension", parsed))
        .isEqualTo(DispensationSamples.PRESCRIPTION_NUMBER);
    assertThat(xsd.errors(cda)).isEmpty();
    assertThat(edisp.validate(cda).failedAsserts()).isEmpty();
    assertThat(complements.validate(cda).failedAsserts()).isEmpty();
  }

  @Test
  void the_pdf_handed_over_travels_inside_the_cda() throws Exception {
    Document cda = parse(document.cda());
    String b64 =
        xpath()
            .evaluate(
                "//h:section[h:templateId/@root='1.2.250.1.213.1.1.2.243']//h:observationMedia/h:value",
                cda);
    assertThat(Base64.getMimeDecoder().decode(b64)).isEqualTo(document.pdf());
  }

  @Test
  void the_same_dispensation_gives_the_same_cda_bytes() {
    // A retried send must carry an identical document (DMP duplicate detection, same uniqueId).
    byte[] again = new EdispCdaWriter().write(DispensationSamples.knownGood(), document.pdf());
    assertThat(again).isEqualTo(document.cda());
  }

  // ------------------------------------------------------------------ helpers

  static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  static byte[] serialize(Document doc) throws Exception {
    var transformer = TransformerFactory.newDefaultInstance().newTransformer();
    transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    var out = new java.io.ByteArrayOutputStream();
    transformer.transform(new DOMSource(doc), new StreamResult(out));
    return out.toByteArray();
  }

  static XPath xpath() {
    XPath x = XPathFactory.newDefaultInstance().newXPath();
    x.setNamespaceContext(
        new javax.xml.namespace.NamespaceContext() {
          @Override
          public String getNamespaceURI(String prefix) {
            return "h".equals(prefix) ? "urn:hl7-org:v3" : XMLConstants.NULL_NS_URI;
          }

          @Override
          public String getPrefix(String uri) {
            return null;
          }

          @Override
          public java.util.Iterator<String> getPrefixes(String uri) {
            return java.util.Collections.emptyIterator();
          }
        });
    return x;
  }

  static List<Element> supplies(Document cda) {
    NodeList nodes = cda.getElementsByTagNameNS("urn:hl7-org:v3", "supply");
    return java.util.stream.IntStream.range(0, nodes.getLength())
        .mapToObj(i -> (Element) nodes.item(i))
        .toList();
  }

  static Node child(Element parent, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    throw new AssertionError("no <" + localName + "> under <" + parent.getLocalName() + ">");
  }
}
