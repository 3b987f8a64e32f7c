package fr.officine.segur.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fault injection of the "dmp" service on its three endpoints, and the admin API's checks. */
class DmpFaultsTest extends DmpSandboxTest {

  @AfterEach
  void up() {
    client.post("/sandbox/faults", "{\"service\":\"dmp\",\"mode\":\"up\"}");
  }

  @Test
  void down_answers_http_503_without_soap_and_stores_nothing() throws Exception {
    client.post("/sandbox/faults", "{\"service\":\"dmp\",\"mode\":\"down\"}");
    Iti41Request request = new Iti41Request(ADRUN);
    DmpTestClient.Answer answer =
        dmp.callMtom(Dmp.REPOSITORY, DmpNames.ACTION_ITI41, request.xml(), vihf(ADRUN));
    assertThat(answer.httpStatus()).isEqualTo(503);
    assertThat(answer.envelope()).isEmpty();
    assertThat(client.get("/dmp/registry?wsdl").statusCode()).isEqualTo(503);
    assertThat(client.get("/dmp/patients").statusCode()).isEqualTo(503);
    up();
    assertThat(client.get("/sandbox/dmp/documents?ins=" + ADRUN).body())
        .doesNotContain(request.uniqueId());
  }

  @Test
  void error_answers_each_service_own_unavailable_error() throws Exception {
    client.post("/sandbox/faults", "{\"service\":\"dmp\",\"mode\":\"error\"}");
    assertThat(dmp.provideAndRegister(new Iti41Request(ADRUN), vihf(ADRUN)).errorCodes())
        .containsExactly(RegistryError.REPOSITORY_BUSY);
    assertThat(dmp.findDocuments(ADRUN, vihf(ADRUN)).errorCodes())
        .containsExactly(RegistryError.REGISTRY_BUSY);
    assertThat(dmp.td02(ADRUN, vihf(ADRUN)).faultCode()).hasValue("DMP_SERVICE_INDISPONIBLE");
  }

  @Test
  void slow_delays_the_answer_by_latencyMs() throws Exception {
    client.post("/sandbox/faults", "{\"service\":\"dmp\",\"mode\":\"slow\",\"latencyMs\":500}");
    long start = System.nanoTime();
    assertThat(dmp.td02(ADRUN, vihf(ADRUN)).payload().getLocalName())
        .isEqualTo("PRPA_IN201308UV02");
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(500);
  }

  @Test
  void the_wsdls_of_repository_and_registry_are_served() {
    assertThat(client.get("/dmp/repository?wsdl").body())
        .contains("DocumentRepository_ProvideAndRegisterDocumentSet-b");
    assertThat(client.get("/dmp/registry?wsdl").body())
        .contains("DocumentRegistry_RegistryStoredQuery");
  }

  @Test
  void documents_of_an_invalid_ins_answer_400() {
    assertThat(client.get("/sandbox/dmp/documents?ins=123").statusCode()).isEqualTo(400);
    assertThat(client.get("/sandbox/dmp/documents").statusCode()).isEqualTo(400);
    assertThat(client.get("/sandbox/dmp/documents?ins=" + CORSE).body()).isEqualTo("[]");
  }

  @Test
  void reset_removes_received_documents_and_keeps_the_seeds() throws Exception {
    Iti41Request request = new Iti41Request(ADRUN);
    assertThat(dmp.provideAndRegister(request, vihf(ADRUN)).status()).isEqualTo(DmpNames.SUCCESS);
    assertThat(client.post("/sandbox/reset", "").statusCode()).isEqualTo(200);
    assertThat(client.get("/sandbox/dmp/documents?ins=" + ADRUN).body()).isEqualTo("[]");
    assertThat(client.get("/sandbox/dmp/documents?ins=" + PAT_TROIS).body())
        .contains(DmpSeeds.VISIBLE_SEED_DOCUMENT);
    assertThat(dmp.provideAndRegister(request, vihf(ADRUN)).status()).isEqualTo(DmpNames.SUCCESS);
  }
}
