package fr.officine.segur.sandbox.eprescription;

import static fr.officine.segur.sandbox.SandboxClient.faultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.seed.Seeder;
import jakarta.json.JsonObject;
import jakarta.xml.ws.WebServiceException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST /sandbox/faults: the e-prescription base down, slow, or answering its own error. */
class FaultInjectionTest extends InMemorySandboxTest {

  @AfterEach
  void backUp() {
    assertThat(
            client
                .post("/sandbox/faults", "{\"service\":\"eprescription\",\"mode\":\"up\"}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void error_mode_answers_the_fault_EP_SERVICE_INDISPONIBLE() throws Exception {
    client.post("/sandbox/faults", "{\"service\":\"eprescription\",\"mode\":\"error\"}");
    assertThat(faultOf(() -> client.consult(Seeder.SIMPLE)).getCode())
        .isEqualTo("EP_SERVICE_INDISPONIBLE");
    backUp();
    assertThat(client.consult(Seeder.SIMPLE).getNumero()).isEqualTo(Seeder.SIMPLE);
  }

  @Test
  void down_mode_answers_http_503_without_soap_like_a_real_outage() {
    client.post("/sandbox/faults", "{\"service\":\"eprescription\",\"mode\":\"down\"}");

    HttpResponse<String> raw = client.get("/eprescription?wsdl");
    assertThat(raw.statusCode()).isEqualTo(503);
    assertThat(raw.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThatThrownBy(() -> client.consult(Seeder.SIMPLE))
        .isInstanceOf(WebServiceException.class)
        .hasMessageContaining("503");
  }

  @Test
  void slow_mode_delays_the_answer_by_latencyMs() throws Exception {
    client.post(
        "/sandbox/faults", "{\"service\":\"eprescription\",\"mode\":\"slow\",\"latencyMs\":600}");
    long start = System.nanoTime();
    assertThat(client.consult(Seeder.SIMPLE).getNumero()).isEqualTo(Seeder.SIMPLE);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(600);
  }

  /**
   * lost-answer: the execution is recorded, the client gets no answer (connection cut); the base
   * knows it (consult lists it with its id) and a resend of the same id is "already recorded".
   */
  @Test
  void lost_answer_mode_records_the_execution_and_cuts_the_connection() throws Exception {
    String id = java.util.UUID.randomUUID().toString();
    client.post("/sandbox/faults", "{\"service\":\"eprescription\",\"mode\":\"lost-answer\"}");
    assertThatThrownBy(
            () ->
                client.send(SandboxClient.execution(Seeder.SEVERAL_LINES).id(id).deliver("L1", 1)))
        .isInstanceOf(WebServiceException.class);
    backUp();
    assertThat(SandboxClient.line(client.consult(Seeder.SEVERAL_LINES), "L1").getExecution())
        .anyMatch(e -> e.getIdExecution().equals(id));
    assertThat(
            client
                .send(SandboxClient.execution(Seeder.SEVERAL_LINES).id(id).deliver("L1", 1))
                .isDejaEnregistree())
        .isTrue();
  }

  /** lost-request: the same failure seen from the client, but nothing was recorded. */
  @Test
  void lost_request_mode_cuts_the_connection_without_recording_anything() throws Exception {
    String id = java.util.UUID.randomUUID().toString();
    client.post("/sandbox/faults", "{\"service\":\"eprescription\",\"mode\":\"lost-request\"}");
    assertThatThrownBy(
            () ->
                client.send(SandboxClient.execution(Seeder.SEVERAL_LINES).id(id).deliver("L1", 1)))
        .isInstanceOf(WebServiceException.class);
    backUp();
    assertThat(SandboxClient.line(client.consult(Seeder.SEVERAL_LINES), "L1").getExecution())
        .noneMatch(e -> e.getIdExecution().equals(id));
  }

  @Test
  void modes_of_every_service_are_stored_and_shown() {
    HttpResponse<String> set =
        client.post(
            "/sandbox/faults", "{\"service\":\"dmp\",\"mode\":\"slow\",\"latencyMs\":1500}");
    assertThat(set.statusCode()).isEqualTo(200);
    JsonObject modes = SandboxClient.json(client.get("/sandbox/faults")).asJsonObject();
    assertThat(modes.getJsonObject("dmp").getString("mode")).isEqualTo("slow");
    assertThat(modes.getJsonObject("dmp").getInt("latencyMs")).isEqualTo(1500);
    assertThat(modes.getJsonObject("eprescription").getString("mode")).isEqualTo("up");
    assertThat(modes.keySet())
        .containsExactlyInAnyOrder("dmp", "eprescription", "insi", "dp", "mssante");
    client.post("/sandbox/faults", "{\"service\":\"dmp\",\"mode\":\"up\"}");
  }

  @Test
  void bad_fault_requests_are_refused_with_400() {
    for (String bad :
        new String[] {
          "{\"service\":\"cnam\",\"mode\":\"down\"}",
          "{\"service\":\"dmp\",\"mode\":\"broken\"}",
          "{\"mode\":\"down\"}",
          "{\"service\":\"dmp\",\"mode\":\"slow\",\"latencyMs\":-5}",
          "{\"service\":\"dmp\",\"mode\":\"slow\",\"latencyMs\":\"fast\"}",
          "[1,2]",
          "{not json"
        }) {
      HttpResponse<String> r = client.post("/sandbox/faults", bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(SandboxClient.json(r).asJsonObject().getString("detail")).as(bad).isNotBlank();
    }
  }
}
