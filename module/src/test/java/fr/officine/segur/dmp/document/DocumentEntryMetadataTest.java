package fr.officine.segur.dmp.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import javax.xml.xpath.XPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The XDS metadata of the dispensation document, as DOMAIN-FACTS §2.4 lists it for the DMP. */
class DocumentEntryMetadataTest {
  static DispensationDocument document;
  static DocumentEntryMetadata metadata;

  @BeforeAll
  static void build() {
    DispensationDocumentData data = DispensationSamples.knownGood();
    document = DispensationDocuments.create().build(data);
    metadata = DocumentEntryMetadata.of(data, document);
  }

  @Test
  void codes_are_those_of_an_officine_dispensation() {
    assertThat(metadata.classCode())
        .isEqualTo(new DocumentEntryMetadata.Code("43", "1.2.250.1.213.1.1.4.1", "Dispensation"));
    assertThat(metadata.typeCode().code()).isEqualTo("60593-1");
    assertThat(metadata.formatCode().code()).isEqualTo("urn:ihe:pharm:dis:2010");
    assertThat(metadata.healthcareFacilityTypeCode().code()).isEqualTo("SA33");
    assertThat(metadata.practiceSettingCode().code()).isEqualTo("AMBULATOIRE");
    assertThat(metadata.authorSpecialty().code()).isEqualTo("G15_21/A");
    assertThat(metadata.authorRole()).contains("Pharmacien titulaire");
    assertThat(metadata.mimeType()).isEqualTo("text/xml");
  }

  @Test
  void patient_and_author_use_the_national_identifier_forms() {
    assertThat(metadata.patientId()).contains("277076322082910^^^&1.2.250.1.213.1.4.10&ISO^NH");
    assertThat(metadata.authorPerson())
        .isEqualTo("810100000016^MARTIN^Claire^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
    assertThat(metadata.authorInstitution())
        .isEqualTo("Pharmacie du Marché^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1690100011");
    assertThat(metadata.sourcePatientName()).isEqualTo("PID-5|NESSI^RUTH^^^^^L");
    assertThat(metadata.sourcePatientBirthDate()).isEqualTo("PID-7|19770714");
    assertThat(metadata.sourcePatientSex()).isEqualTo("PID-8|F");
  }

  @Test
  void times_are_utc_and_hash_and_size_are_those_of_the_cda_bytes() throws Exception {
    // Dispensed 2026-11-23 10:42 +01:00.
    assertThat(metadata.creationTime()).isEqualTo("20261123094200");
    assertThat(metadata.serviceStartTime()).isEqualTo("20261123094200");
    assertThat(metadata.size()).isEqualTo(document.cda().length);
    assertThat(metadata.hashSha1())
        .isEqualTo(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(document.cda())));
    assertThat(metadata.uniqueId()).isEqualTo(document.uniqueId());
  }

  /**
   * Issue 12 §4: the metadata is the CDA header, value for value (ANS CDAHeaderToXDM): read back
   * from the document bytes, not from the data both were built from.
   */
  @Test
  void every_value_is_the_one_of_the_cda_header() throws Exception {
    Document cda = EdispCdaWriterTest.parse(document.cda());
    XPath x = EdispCdaWriterTest.xpath();
    String author = "/h:ClinicalDocument/h:author/h:assignedAuthor";
    assertThat(metadata.title()).isEqualTo(x.evaluate("/h:ClinicalDocument/h:title", cda));
    assertThat(metadata.languageCode())
        .isEqualTo(x.evaluate("/h:ClinicalDocument/h:languageCode/@code", cda));
    assertThat(metadata.creationTime())
        .isEqualTo(utc(x.evaluate("/h:ClinicalDocument/h:effectiveTime/@value", cda)));
    String event = "/h:ClinicalDocument/h:documentationOf/h:serviceEvent";
    assertThat(metadata.serviceStartTime())
        .isEqualTo(utc(x.evaluate(event + "/h:effectiveTime/h:low/@value", cda)));
    // serviceStopTime only where the CDA has serviceEvent/effectiveTime/high: a dispensation has
    // none.
    assertThat(x.evaluate("count(" + event + "/h:effectiveTime/h:high)", cda)).isEqualTo("0");
    assertThat(metadata.serviceStopTime()).isEmpty();
    assertThat(metadata.typeCode().code())
        .isEqualTo(x.evaluate("/h:ClinicalDocument/h:code/@code", cda));
    assertThat(metadata.typeCode().codingScheme())
        .isEqualTo(x.evaluate("/h:ClinicalDocument/h:code/@codeSystem", cda));
    assertThat(metadata.confidentialityCode().code())
        .isEqualTo(x.evaluate("/h:ClinicalDocument/h:confidentialityCode/@code", cda));
    assertThat(metadata.healthcareFacilityTypeCode().code())
        .isEqualTo(
            x.evaluate(
                "//h:encompassingEncounter/h:location/h:healthCareFacility/h:code/@code", cda));
    assertThat(metadata.practiceSettingCode().code())
        .isEqualTo(
            x.evaluate(
                event
                    + "/h:performer/h:assignedEntity/h:representedOrganization/h:standardIndustryClassCode/@code",
                cda));
    assertThat(metadata.authorPerson())
        .startsWith(
            x.evaluate(author + "/h:id/@extension", cda)
                + "^"
                + x.evaluate(author + "/h:assignedPerson/h:name/h:family", cda)
                + "^"
                + x.evaluate(author + "/h:assignedPerson/h:name/h:given", cda)
                + "^");
    assertThat(metadata.authorSpecialty())
        .isEqualTo(
            new DocumentEntryMetadata.Code(
                x.evaluate(author + "/h:code/@code", cda),
                x.evaluate(author + "/h:code/@codeSystem", cda),
                x.evaluate(author + "/h:code/@displayName", cda)));
    assertThat(metadata.authorInstitution())
        .startsWith(x.evaluate(author + "/h:representedOrganization/h:name", cda) + "^")
        .endsWith("^" + x.evaluate(author + "/h:representedOrganization/h:id/@extension", cda));
    assertThat(metadata.authorRole()).isPresent();
    assertThat(metadata.legalAuthenticator())
        .startsWith(
            x.evaluate(
                    "/h:ClinicalDocument/h:legalAuthenticator/h:assignedEntity/h:id/@extension",
                    cda)
                + "^");
    String patient = "/h:ClinicalDocument/h:recordTarget/h:patientRole";
    assertThat(metadata.patientId())
        .contains(
            x.evaluate(patient + "/h:id/@extension", cda)
                + "^^^&"
                + x.evaluate(patient + "/h:id/@root", cda)
                + "&ISO^NH");
    assertThat(metadata.sourcePatientName())
        .isEqualTo(
            "PID-5|"
                + x.evaluate(patient + "/h:patient/h:name/h:family[@qualifier='BR']", cda)
                + "^"
                + x.evaluate(patient + "/h:patient/h:name/h:given[@qualifier='BR']", cda)
                + "^^^^^L");
    assertThat(metadata.sourcePatientBirthDate())
        .isEqualTo("PID-7|" + x.evaluate(patient + "/h:patient/h:birthTime/@value", cda));
    assertThat(metadata.sourcePatientSex())
        .isEqualTo(
            "PID-8|" + x.evaluate(patient + "/h:patient/h:administrativeGenderCode/@code", cda));
  }

  private static String utc(String hl7) {
    return java.time.OffsetDateTime.parse(
            hl7, java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmssxx"))
        .withOffsetSameInstant(java.time.ZoneOffset.UTC)
        .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
  }
}
