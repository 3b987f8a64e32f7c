package fr.officine.segur.dmp.document;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.dmp.document.DispensationDocumentData.Line;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The box delivered (its DataMatrix's lot and expiry, issue 15 §2) where the eDISP-MED model
 * carries it: {@code manufacturedMaterial/lotNumberText} and {@code pharm:expirationTime}, after
 * the name, as in the ANS eDISP-MED 2024.01 example; the document stays valid against
 * CDA_extended.xsd and the eDISP-MED schematron.
 */
class EdispBoxTest {
  @Test
  void lot_and_expiry_of_the_scanned_box_are_in_the_medicine_entry_and_the_document_stays_valid()
      throws Exception {
    List<Line> lines = new ArrayList<>(DispensationSamples.lines());
    lines.set(
        0, lines.get(0).withBox(Optional.of("D1000X9"), Optional.of(LocalDate.of(2027, 5, 31))));
    byte[] cda = DispensationDocuments.create().build(DispensationSamples.withLines(lines)).cda();

    assertThat(new CdaSchema().errors(cda)).isEmpty();
    for (String sch :
        List.of(
            ConformanceMaterial.EDISP,
            ConformanceMaterial.MODELES_DE_CONTENUS,
            ConformanceMaterial.IHE)) {
      Schematron.Report report = new Schematron(ConformanceMaterial.resolve(sch)).validate(cda);
      assertThat(report.failedAsserts()).as(sch).isEmpty();
    }

    Document doc = EdispCdaWriterTest.parse(cda);
    Element first = EdispCdaWriterTest.supplies(doc).get(0);
    Element material =
        (Element) first.getElementsByTagNameNS("urn:hl7-org:v3", "manufacturedMaterial").item(0);
    assertThat(
            material
                .getElementsByTagNameNS("urn:hl7-org:v3", "lotNumberText")
                .item(0)
                .getTextContent())
        .isEqualTo("D1000X9");
    assertThat(
            ((Element)
                    material
                        .getElementsByTagNameNS("urn:ihe:pharm:medication", "expirationTime")
                        .item(0))
                .getAttribute("value"))
        .isEqualTo("20270531");
    // A line delivered without a scan says nothing of a lot.
    Element second = EdispCdaWriterTest.supplies(doc).get(1);
    assertThat(second.getElementsByTagNameNS("urn:hl7-org:v3", "lotNumberText").getLength())
        .isZero();
  }
}
