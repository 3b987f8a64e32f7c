package fr.officine.segur.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.RunningSandbox;
import fr.officine.segur.sandbox.Sandbox;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sandbox DMP with its CDA validation on (--cda-validation on): a received eDISP document is
 * checked against CDA_extended.xsd and the five CI-SIS schematrons, and refused with IHE's
 * InvalidDocumentContent when it fails, as the real DMP refuses a document its content checks fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdaConformanceTest {
  private RunningSandbox sandbox;
  private DmpTestClient dmp;
  private VihfBuilder vihf;

  @BeforeAll
  void start() {
    sandbox =
        Sandbox.start(
            SandboxConfig.inMemory()
                .withPkiDir(InMemorySandboxTest.SHARED_PKI)
                .withCdaValidation(true));
    dmp = new DmpTestClient(sandbox.baseUrl());
    vihf = new VihfBuilder(DmpSandboxTest.ADRUN, TestPharmacy.seal(TestPharmacy.MARCHE));
  }

  @AfterAll
  void stop() {
    sandbox.close();
  }

  static String sample() throws IOException {
    try (InputStream in =
        CdaConformanceTest.class.getResourceAsStream("/cisis-samples/eDISP-MED_2024.01.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The ANS sample with its one upstream StrucMin error mended (a family name with qualifier "SP",
   * where StrucMin allows only "BR" birth name and "CL" used name): conformant, hence accepted.
   */
  static String conformant() throws IOException {
    String sample = sample();
    String mended = sample.replace("<family qualifier=\"SP\">DECOURCY</family>", "");
    assertThat(mended).isNotEqualTo(sample);
    return mended;
  }

  private static final java.util.concurrent.atomic.AtomicLong SEQUENCE =
      new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());

  /**
   * An ITI-41 whose metadata says what the document's header says: the sample's patient becomes
   * ADRUN ZOE (a patient of the sandbox DMP) and its id a fresh OID, the DocumentEntry's uniqueId.
   */
  static Iti41Request request(String cda) {
    String uniqueId = "1.2.250.1.999.5." + SEQUENCE.incrementAndGet();
    String document =
        cda.replace(
                "<id root=\"1.2.250.1.213.1.1.1.54.2024.1.1\"/>", "<id root=\"" + uniqueId + "\"/>")
            .replace(
                "extension=\"277076322082910\" root=\"1.2.250.1.213.1.4.8\"",
                "extension=\"" + DmpSandboxTest.ADRUN + "\" root=\"1.2.250.1.213.1.4.8\"");
    return new Iti41Request(DmpSandboxTest.ADRUN, document.getBytes(StandardCharsets.UTF_8))
        .uniqueId(uniqueId);
  }

  @Test
  void a_conformant_edisp_document_is_accepted() throws Exception {
    Iti41Request request = request(conformant());
    DmpTestClient.Answer answer = dmp.provideAndRegister(request, vihf);
    assertThat(answer.errorContexts()).isEmpty();
    assertThat(answer.status()).isEqualTo(DmpNames.SUCCESS);
  }

  // One of the defects the module's documents had (issue 12): the prescriber's participant REF
  // without its time (the prescription date); StrucMin requires it.
  @Test
  void
      a_document_with_the_prescriber_participant_without_time_is_refused_with_InvalidDocumentContent()
          throws Exception {
    String defective =
        conformant()
            .replaceFirst(
                "(?s)(<participant typeCode=\"REF\">\\s*<!--[^>]*-->\\s*)<time xsi:type=\"IVL_TS\">.*?</time>",
                "$1");
    assertThat(defective).isNotEqualTo(conformant());
    Iti41Request request = request(defective);

    DmpTestClient.Answer answer = dmp.provideAndRegister(request, vihf);

    assertThat(answer.status()).isEqualTo(DmpNames.FAILURE);
    assertThat(answer.errorCodes()).containsExactly(RegistryError.INVALID_DOCUMENT_CONTENT);
    assertThat(answer.errorContexts().get(0))
        .contains("Document " + request.uniqueId(), "[StrucMin]");
    assertThat(
            new SandboxClient(sandbox.baseUrl())
                .get("/sandbox/dmp/documents?ins=" + DmpSandboxTest.ADRUN)
                .body())
        .doesNotContain(request.uniqueId());
  }

  @Test
  void a_document_not_valid_against_cda_extended_xsd_is_refused() throws Exception {
    String defective = conformant().replace("<title>", "<titre>x</titre><title>");
    Iti41Request request = request(defective);

    DmpTestClient.Answer answer = dmp.provideAndRegister(request, vihf);

    assertThat(answer.errorCodes()).containsExactly(RegistryError.INVALID_DOCUMENT_CONTENT);
    assertThat(answer.errorContexts().get(0)).contains("[CDA_extended.xsd]", "titre");
  }

  /**
   * Measured, not asserted: what one document's validation costs once the schematrons are compiled.
   */
  @Test
  void validation_cost_per_document_is_measured() throws Exception {
    dmp.provideAndRegister(request(conformant()), vihf); // compiled by now
    int n = 5;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      assertThat(dmp.provideAndRegister(request(conformant()), vihf).status())
          .isEqualTo(DmpNames.SUCCESS);
    }
    System.out.printf(
        "sandbox DMP with CDA validation: %d ITI-41 of the ANS eDISP sample in %d ms (%d ms each, XSD + 5 schematrons included)%n",
        n, (System.nanoTime() - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000 / n);
  }

  // ANS mapping XDS: the DocumentEntry says what the CDA header says
  @Test
  void metadata_that_does_not_match_the_cda_header_is_refused() throws Exception {
    Iti41Request request = request(conformant());
    String otherPatient = DmpSandboxTest.NESSI;
    String xml = request.xml().replace(DmpSandboxTest.ADRUN + "^^^", otherPatient + "^^^");
    DmpTestClient.Answer answer =
        dmp.call(
            Dmp.REPOSITORY,
            DmpNames.ACTION_ITI41,
            xml,
            new VihfBuilder(otherPatient, TestPharmacy.seal(TestPharmacy.MARCHE)));

    assertThat(answer.errorCodes()).containsExactly(RegistryError.INVALID_DOCUMENT_CONTENT);
    assertThat(answer.errorContexts().get(0)).contains("[en-tête]", "recordTarget");
  }
}
