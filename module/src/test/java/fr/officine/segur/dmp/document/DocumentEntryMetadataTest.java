package fr.officine.segur.dmp.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    assertThat(metadata.classCode()).isEqualTo(
        new DocumentEntryMetadata.Code("43", "1.2.250.1.213.1.1.4.1", "Dispensation"));
    assertThat(metadata.typeCode().code()).isEqualTo("60593-1");
    assertThat(metadata.formatCode().code()).isEqualTo("urn:ihe:pharm:dis:2010");
    assertThat(metadata.healthcareFacilityTypeCode().code()).isEqualTo("SA33");
    assertThat(metadata.practiceSettingCode().code()).isEqualTo("AMBULATOIRE");
    assertThat(metadata.authorSpecialty().code()).isEqualTo("G15_21");
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
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(document.cda())));
    assertThat(metadata.uniqueId()).isEqualTo(document.uniqueId());
  }
}
