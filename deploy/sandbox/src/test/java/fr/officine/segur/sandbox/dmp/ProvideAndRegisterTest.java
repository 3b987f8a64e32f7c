package fr.officine.segur.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.SandboxClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * ITI-41 on /dmp/repository: what is accepted, stored, listed, and what is refused with which code.
 */
class ProvideAndRegisterTest extends DmpSandboxTest {

  @Test
  void accepted_dispensation_is_listed_by_iti18_and_by_the_admin_api() throws Exception {
    Iti41Request request = new Iti41Request(ADRUN);
    DmpTestClient.Answer answer = dmp.provideAndRegister(request, vihf(ADRUN));

    assertThat(answer.payload().getLocalName()).isEqualTo("RegistryResponse");
    assertThat(answer.status()).isEqualTo(DmpNames.SUCCESS);
    assertThat(answer.header("Action")).isEqualTo(DmpNames.ACTION_ITI41_RESPONSE);
    assertThat(answer.header("RelatesTo")).startsWith("urn:uuid:");

    DmpTestClient.Answer found = dmp.findDocuments(ADRUN, vihf(ADRUN));
    assertThat(found.status()).isEqualTo(DmpNames.SUCCESS);
    List<Element> entries = Xml.descendants(found.payload(), Xml.RIM, "ExtrinsicObject");
    Element entry =
        entries.stream()
            .filter(
                e ->
                    Ebrim.externalId(e, DmpNames.DE_UNIQUE_ID)
                        .orElse("")
                        .equals(request.uniqueId()))
            .findFirst()
            .orElseThrow();
    assertThat(entry.getAttribute("id")).startsWith("urn:uuid:");
    assertThat(entry.getAttribute("status")).isEqualTo(DmpNames.APPROVED);
    assertThat(Ebrim.codes(entry, DmpNames.DE_CLASS).get(0).code()).isEqualTo("43");
    assertThat(Ebrim.firstSlot(entry, "size")).hasValue(Integer.toString(request.content().length));
    assertThat(Ebrim.firstSlot(entry, "hash")).hasValue(ProvideAndRegister.sha1(request.content()));
    assertThat(Ebrim.firstSlot(entry, "repositoryUniqueId"))
        .hasValue(DmpNames.REPOSITORY_UNIQUE_ID);

    JsonObject listed = adminDocument(ADRUN, request.uniqueId());
    assertThat(listed.getString("classCode")).isEqualTo("43");
    assertThat(listed.getString("typeCode")).isEqualTo("60593-1");
    assertThat(listed.getString("formatCode")).isEqualTo("urn:ihe:pharm:dis:2010");
    assertThat(listed.getString("submissionTime")).isEqualTo("20261123101600");
    assertThat(listed.getString("patientId")).isEqualTo(ADRUN + "^^^&1.2.250.1.213.1.4.8&ISO^NH");
    assertThat(listed.getString("mimeType")).isEqualTo("text/xml");
    assertThat(listed.getString("title")).isEqualTo("Dispensation médicamenteuse");
    assertThat(listed.getString("author")).startsWith("810100000016^MARTIN^Claire");
    assertThat(listed.getString("entryUUID")).isEqualTo(entry.getAttribute("id"));
    assertThat(listed.getInt("size")).isEqualTo(request.content().length);
  }

  @Test
  void mtom_request_is_accepted_and_the_document_bytes_are_stored_intact() throws Exception {
    Iti41Request request =
        new Iti41Request(ADRUN).hash(ProvideAndRegister.sha1(new Iti41Request(ADRUN).content()));
    // The hash above is of another document (its title differs): a real check refuses it.
    DmpTestClient.Answer refused =
        dmp.callMtom(Dmp.REPOSITORY, DmpNames.ACTION_ITI41, request.xml(), vihf(ADRUN));
    assertThat(refused.errorCodes()).containsExactly(RegistryError.REPOSITORY_METADATA);
    assertThat(refused.errorContexts().get(0)).contains("hash");

    Iti41Request good = new Iti41Request(ADRUN);
    good.hash(ProvideAndRegister.sha1(good.content()))
        .size(Integer.toString(good.content().length));
    DmpTestClient.Answer answer =
        dmp.callMtom(Dmp.REPOSITORY, DmpNames.ACTION_ITI41, good.xml(), vihf(ADRUN));
    assertThat(answer.httpStatus()).isEqualTo(200);
    assertThat(answer.status()).isEqualTo(DmpNames.SUCCESS);
    assertThat(adminDocument(ADRUN, good.uniqueId()).getString("hash"))
        .isEqualTo(ProvideAndRegister.sha1(good.content()));
  }

  @Test
  void same_document_sent_twice_is_refused_with_XDSDocumentUniqueIdError() throws Exception {
    Iti41Request request = new Iti41Request(ADRUN);
    assertThat(dmp.provideAndRegister(request, vihf(ADRUN)).status()).isEqualTo(DmpNames.SUCCESS);

    DmpTestClient.Answer again = dmp.provideAndRegister(request, vihf(ADRUN));
    assertThat(again.status()).isEqualTo(DmpNames.FAILURE);
    assertThat(again.errorCodes()).containsOnly(RegistryError.DUPLICATE_UNIQUE_ID);
    assertThat(
            adminDocuments(ADRUN).stream()
                .filter(d -> d.asJsonObject().getString("uniqueId").equals(request.uniqueId())))
        .hasSize(1);
  }

  @Test
  void the_same_document_sent_concurrently_is_stored_once() throws Exception {
    Iti41Request request = new Iti41Request(ADRUN);
    int senders = 6;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(senders);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<DmpTestClient.Answer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < senders; i++) {
        VihfBuilder vihf = vihf(ADRUN);
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return dmp.provideAndRegister(request, vihf);
                }));
      }
      start.countDown();
      List<String> statuses = new java.util.ArrayList<>();
      for (var a : answers) {
        DmpTestClient.Answer answer = a.get(30, java.util.concurrent.TimeUnit.SECONDS);
        statuses.add(answer.status().equals(DmpNames.SUCCESS) ? "ok" : answer.errorCodes().get(0));
      }
      assertThat(statuses)
          .containsOnlyOnce("ok")
          .filteredOn(s -> !s.equals("ok"))
          .containsOnly(RegistryError.DUPLICATE_UNIQUE_ID);
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            adminDocuments(ADRUN).stream()
                .filter(d -> d.asJsonObject().getString("uniqueId").equals(request.uniqueId())))
        .hasSize(1);
  }

  @Test
  void fifty_documents_sent_in_a_row_are_all_held_and_the_rate_is_printed() throws Exception {
    VihfBuilder vihf = vihf(ADRUN);
    dmp.provideAndRegister(new Iti41Request(ADRUN), vihf); // warm-up
    List<String> sent = new java.util.ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      Iti41Request request = new Iti41Request(ADRUN);
      assertThat(dmp.provideAndRegister(request, vihf).status()).isEqualTo(DmpNames.SUCCESS);
      sent.add(request.uniqueId());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "sandbox DMP: 50 ITI-41 (signed VIHF, schema + metadata checks, H2) in %.2f s = %.0f/s%n",
        seconds, 50 / seconds);
    assertThat(adminDocuments(ADRUN).stream().map(d -> d.asJsonObject().getString("uniqueId")))
        .containsAll(sent);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mimeType",
        "classCode",
        "typeCode",
        "formatCode",
        "healthcareFacilityTypeCode",
        "practiceSettingCode",
        "confidentialityCode",
        "creationTime",
        "languageCode",
        "sourcePatientId",
        "author",
        "authorPerson",
        "authorInstitution",
        "authorSpecialty",
        "uniqueId",
        "patientId",
        "SubmissionSet.submissionTime",
        "SubmissionSet.contentTypeCode",
        "SubmissionSet.sourceId",
        "SubmissionSet.uniqueId",
        "SubmissionSet.patientId"
      })
  void each_missing_metadata_is_refused_with_XDSRepositoryMetadataError_naming_it(String metadata)
      throws Exception {
    Iti41Request request = new Iti41Request(ADRUN).without(metadata);
    DmpTestClient.Answer answer = dmp.provideAndRegister(request, vihf(ADRUN));

    assertThat(answer.status()).isEqualTo(DmpNames.FAILURE);
    assertThat(answer.errorCodes()).containsExactly(RegistryError.REPOSITORY_METADATA);
    String name = metadata.startsWith("SubmissionSet.") ? metadata : "." + metadata;
    assertThat(answer.errorContexts().get(0)).contains(name).contains("manquant");
    assertThat(adminDocuments(ADRUN).stream().map(d -> d.asJsonObject().getString("uniqueId")))
        .doesNotContain(request.uniqueId());
  }

  @Test
  void a_class_code_other_than_dispensation_43_is_refused() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(new Iti41Request(ADRUN).classCode("11"), vihf(ADRUN));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.REPOSITORY_METADATA);
    assertThat(answer.errorContexts().get(0)).contains("classCode").contains("43");
  }

  @Test
  void a_size_that_is_not_the_document_size_is_refused() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(new Iti41Request(ADRUN).size("3"), vihf(ADRUN));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.REPOSITORY_METADATA);
    assertThat(answer.errorContexts().get(0)).contains("size");
  }

  @Test
  void an_entry_without_its_document_is_refused_with_XDSMissingDocument() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(new Iti41Request(ADRUN).without("document"), vihf(ADRUN));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.MISSING_DOCUMENT);
  }

  @Test
  void an_entry_outside_the_submission_set_is_refused_with_XDSRegistryMetadataError()
      throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(new Iti41Request(ADRUN).without("association"), vihf(ADRUN));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.REGISTRY_METADATA);
    assertThat(answer.errorContexts().get(0)).contains("HasMember");
  }

  @Test
  void a_request_not_valid_against_the_ebrim_schemas_is_refused() throws Exception {
    String invalid =
        new Iti41Request(ADRUN)
            .xml()
            .replace("<rim:RegistryObjectList>", "<rim:RegistryObjectList><rim:Inconnu/>");
    DmpTestClient.Answer answer =
        dmp.call(Dmp.REPOSITORY, DmpNames.ACTION_ITI41, invalid, vihf(ADRUN));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.REGISTRY_METADATA);
    assertThat(answer.errorContexts().get(0)).contains("schéma").contains("Inconnu");
  }

  @Test
  void a_signed_submission_set_is_accepted_with_its_signature_document() throws Exception {
    Iti41Request request = new Iti41Request(ADRUN).signed();
    DmpTestClient.Answer answer = dmp.provideAndRegister(request, vihf(ADRUN));
    assertThat(answer.status()).isEqualTo(DmpNames.SUCCESS);
    assertThat(adminDocument(ADRUN, request.uniqueId() + ".1").getString("formatCode"))
        .isEqualTo(DmpNames.FORMAT_SIGNATURE);
  }

  @Test
  void a_patient_other_than_the_vihf_resource_is_refused_with_XDSPatientIdDoesNotMatch()
      throws Exception {
    DmpTestClient.Answer answer = dmp.provideAndRegister(new Iti41Request(ADRUN), vihf(TCHITCHI));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.PATIENT_MISMATCH);
  }

  @Test
  void an_ins_the_dmp_does_not_know_is_refused_with_XDSUnknownPatientId() throws Exception {
    String unknown =
        "1800163220001"
            + String.format(
                "%02d",
                97
                    - new java.math.BigInteger("1800163220001")
                        .mod(java.math.BigInteger.valueOf(97))
                        .intValue());
    DmpTestClient.Answer answer = dmp.provideAndRegister(new Iti41Request(unknown), vihf(unknown));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.UNKNOWN_PATIENT);
  }

  @Test
  void a_patient_id_that_is_not_an_ins_is_refused_with_XDSUnknownPatientId() throws Exception {
    String xml =
        new Iti41Request(ADRUN)
            .xml()
            .replace("&amp;1.2.250.1.213.1.4.8&amp;ISO^NH", "&amp;1.2.3.4&amp;ISO^NH");
    DmpTestClient.Answer answer = dmp.call(Dmp.REPOSITORY, DmpNames.ACTION_ITI41, xml, vihf(ADRUN));
    assertThat(answer.errorCodes())
        .contains(RegistryError.UNKNOWN_PATIENT)
        .doesNotContain(RegistryError.REPOSITORY_METADATA);
  }

  // PDSM4DMP transaction_td2: the DMP is fed « lot de soumission signé en XAdES »
  @Test
  void an_unsigned_submission_set_is_refused() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(new Iti41Request(ADRUN).unsigned(), vihf(ADRUN));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.REGISTRY_METADATA);
    assertThat(answer.errorContexts().get(0)).contains("non signé");
  }

  @Test
  void a_plain_xml_dsig_without_xades_signed_properties_is_refused() throws Exception {
    Iti41Request request =
        new Iti41Request(ADRUN).signedBy(marche, XadesTestSigner.Defect.NO_SIGNED_PROPERTIES);
    DmpTestClient.Answer answer = dmp.provideAndRegister(request, vihf(ADRUN));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.REGISTRY_METADATA);
    assertThat(answer.errorContexts().get(0)).contains("XAdES", "SignedProperties");
  }

  @Test
  void a_signing_certificate_reference_that_is_not_the_signers_is_refused() throws Exception {
    Iti41Request request =
        new Iti41Request(ADRUN).signedBy(marche, XadesTestSigner.Defect.WRONG_CERTIFICATE_DIGEST);
    DmpTestClient.Answer answer = dmp.provideAndRegister(request, vihf(ADRUN));
    assertThat(answer.errorContexts()).anyMatch(c -> c.contains("CertDigest"));
  }

  @Test
  void a_submission_set_signed_with_the_authentication_certificate_is_refused() throws Exception {
    Iti41Request request =
        new Iti41Request(ADRUN)
            .signedBy(
                TestPharmacy.authentication(TestPharmacy.MARCHE), XadesTestSigner.Defect.NONE);
    DmpTestClient.Answer answer = dmp.provideAndRegister(request, vihf(ADRUN));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.REGISTRY_METADATA);
    assertThat(answer.errorContexts().get(0)).contains("certificat de cachet");
  }

  @Test
  void a_document_changed_after_the_set_was_signed_is_refused() throws Exception {
    Iti41Request request = new Iti41Request(ADRUN);
    String original = java.util.Base64.getEncoder().encodeToString(request.content());
    String changed =
        java.util.Base64.getEncoder()
            .encodeToString(
                new String(request.content(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("Dispensation", "Modifiée")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    DmpTestClient.Answer answer =
        dmp.call(
            Dmp.REPOSITORY,
            DmpNames.ACTION_ITI41,
            request.xml().replace(original, changed),
            vihf(ADRUN));
    assertThat(answer.errorContexts()).anyMatch(c -> c.contains("empreinte du document"));
  }

  @Test
  void an_author_institution_other_than_the_vihf_structure_is_refused() throws Exception {
    String xml =
        new Iti41Request(ADRUN).xml().replace("ISO^IDNST^^^1690100011", "ISO^IDNST^^^1690100029");
    DmpTestClient.Answer answer = dmp.call(Dmp.REPOSITORY, DmpNames.ACTION_ITI41, xml, vihf(ADRUN));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.REPOSITORY_METADATA);
    assertThat(answer.errorContexts().get(0)).contains("authorInstitution", "1690100029");
  }

  private JsonArray adminDocuments(String ins) {
    return SandboxClient.json(client.get("/sandbox/dmp/documents?ins=" + ins)).asJsonArray();
  }

  private JsonObject adminDocument(String ins, String uniqueId) {
    return adminDocuments(ins).stream()
        .map(v -> v.asJsonObject())
        .filter(o -> o.getString("uniqueId").equals(uniqueId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("not listed: " + uniqueId));
  }
}
