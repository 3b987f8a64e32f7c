package fr.officine.segur.it.core;

import fr.officine.segur.it.support.ModuleWar;
import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import fr.officine.segur.it.support.SandboxExtension;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Smoke test of the module's platform in Payara Micro: the WAR boots (H2 file database, Flyway,
 * sandbox seed, JAX-RS, CDI filters, Metro client), sessions and bearer tokens work, every error is
 * problem+json, and one consult + partial dispensation goes through the module to the sandbox's
 * e-prescription base on a real loopback port.
 */
@ExtendWith({SandboxExtension.class, ArquillianExtension.class})
@RunAsClient
class CoreSmokeIT {
  static final String DOLIPRANE = "3400935955838";

  @Deployment(testable = false)
  static WebArchive module() {
    return ModuleWar.fromBuild();
  }

  @ArquillianResource URL base;
  final Http http = new Http();

  String api() {
    return base.toString().replaceAll("/$", "") + "/api/v1";
  }

  @Test
  void a_seeded_account_opens_a_session_whose_token_opens_the_api_until_logout() {
    Http.Reply opened = Counter.openSession(api(), "preparateur", "preparateur");
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    JsonObject session = opened.json();
    assertThat(session.getString("token")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(session.getJsonObject("professional").getString("role")).isEqualTo("PREPARATEUR");
    assertThat(session.getJsonObject("pharmacy").getString("finess")).isEqualTo("690100011");
    String bearer = "Bearer " + session.getString("token");

    Http.Reply me = get("/sessions/current", Map.of("Authorization", bearer));
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.json().getJsonObject("professional").getString("lastName")).isEqualTo("LEROY");

    Http.Reply out =
        http.send("DELETE", URI.create(api() + "/sessions/current"), Map.of("Authorization", bearer), null, null);
    assertThat(out.status()).isEqualTo(204);
    assertProblem(get("/sessions/current", Map.of("Authorization", bearer)), 401, "UNAUTHENTICATED");
  }

  @Test
  void without_a_token_every_call_is_401_with_the_bearer_challenge() {
    Http.Reply anonymous = get("/prescriptions/01S2TBPZ2JCNZZYGHZ", Map.of());
    assertProblem(anonymous, 401, "UNAUTHENTICATED");
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    assertProblem(get("/dispensations/" + UUID.randomUUID(), Map.of()), 401, "UNAUTHENTICATED");
    assertProblem(Counter.openSession(api(), "titulaire", "wrong"), 401, "BAD_CREDENTIALS");
    assertProblem(Counter.openSession(api(), "nobody", "nobody"), 401, "BAD_CREDENTIALS");
  }

  @Test
  void every_error_is_a_problem_of_the_catalogue() {
    Counter titulaire = Counter.login(base, "titulaire");
    assertProblem(
        http.send(
            "POST",
            URI.create(api() + "/sessions"),
            Map.of(),
            "application/json",
            "{\"login\": ".getBytes(StandardCharsets.UTF_8)),
        400,
        "MALFORMED_REQUEST");
    assertProblem(titulaire.send("GET", "/no-such-thing", Map.of(), null, null), 404, "NOT_FOUND");
    assertProblem(titulaire.send("PUT", "/sessions", Map.of(), "application/json", new byte[] {'{', '}'}), 405, "METHOD_NOT_ALLOWED");
    assertProblem(titulaire.consult("01S2TBPZ2JCNZZYGH"), 422, "INVALID_IDENTIFIER");
    assertProblem(
        titulaire.dispense("01S2TBPZ2JCNZZYGHZ", null, Dispensations.body().deliver("L1", 1).build()),
        400,
        "IDEMPOTENCY_KEY_REQUIRED");
    assertProblem(
        titulaire.dispense("01S2TBPZ2JCNZZYGHZ", "k-" + UUID.randomUUID(), Dispensations.body().build()),
        400,
        "MALFORMED_REQUEST");
    assertProblem(titulaire.dispensation(UUID.randomUUID().toString()), 404, "DISPENSATION_NOT_FOUND");
  }

  @Test
  void a_prescription_is_consulted_and_partly_dispensed_through_the_module(SandboxAdmin sandbox) {
    sandbox.fault("eprescription", "up", 0);
    Counter titulaire = Counter.login(base, "titulaire");
    String number = sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));

    Http.Reply consulted = titulaire.consult(number);
    assertThat(consulted.status()).as(consulted.toString()).isEqualTo(200);
    assertThat(consulted.json().getString("status")).isEqualTo("OPEN");
    String lineId = consulted.json().getJsonArray("lines").getJsonObject(0).getString("lineId");

    Http.Reply recorded =
        titulaire.dispense(number, UUID.randomUUID().toString(), Dispensations.body().deliver(lineId, 1).build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    JsonObject dispensation = recorded.json();
    assertThat(dispensation.getString("status")).isEqualTo("RECORDED");
    assertThat(dispensation.getString("prescriptionStatus")).isEqualTo("PARTIAL");
    assertThat(dispensation.getJsonArray("lines").getJsonObject(0).getString("completenessCode")).isEqualTo("FFP");
    assertThat(dispensation.getJsonArray("lines").getJsonObject(0).getInt("remainingQuantity")).isEqualTo(2);
    JsonObject send = dispensation.getJsonArray("sends").getJsonObject(0);
    assertThat(send.getString("target")).isEqualTo("EPRESCRIPTION");
    assertThat(send.getString("state")).isEqualTo("SENT");
    assertThat(recorded.header("Location")).endsWith("/api/v1/dispensations/" + dispensation.getString("dispensationId"));

    Http.Reply again = titulaire.dispensation(dispensation.getString("dispensationId"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("status")).isEqualTo("RECORDED");

    JsonObject after = titulaire.consult(number).json();
    assertThat(after.getString("status")).isEqualTo("PARTIAL");
    JsonObject line = after.getJsonArray("lines").getJsonObject(0);
    assertThat(line.getInt("remainingQuantity")).isEqualTo(2);
    assertThat(line.getJsonArray("deliveries").getJsonObject(0).getBoolean("ownPharmacy")).isTrue();
  }

  @Test
  void when_the_base_is_down_the_module_says_so_with_a_503_problem(SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    String number = sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    sandbox.fault("eprescription", "down", 0);
    try {
      assertProblem(titulaire.consult(number), 503, "EPRESCRIPTION_UNAVAILABLE");
    } finally {
      sandbox.fault("eprescription", "up", 0);
    }
    assertThat(titulaire.consult(number).status()).isEqualTo(200);
  }

  /**
   * The recovery task (EJB timer) resends in Payara what stayed SUBMITTING, without any replay
   * from the counter; the replay that comes later gets the recovered dispensation, delivered once.
   */
  @Test
  void a_dispensation_sent_while_the_base_was_down_is_resent_by_the_recovery_task(SandboxAdmin sandbox)
      throws InterruptedException {
    Counter titulaire = Counter.login(base, "titulaire");
    String number = sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));
    String lineId = titulaire.consult(number).json().getJsonArray("lines").getJsonObject(0).getString("lineId");
    String key = UUID.randomUUID().toString();
    JsonObject body = Dispensations.body().deliver(lineId, 1).build();
    sandbox.fault("eprescription", "down", 0);
    try {
      assertProblem(titulaire.dispense(number, key, body), 503, "EPRESCRIPTION_UNAVAILABLE");
    } finally {
      sandbox.fault("eprescription", "up", 0);
    }

    // segur.dispensation.recovery-after (30 s) + one timer period (10 s) + margin
    long deadline = System.nanoTime() + 75_000_000_000L;
    int delivered = 0;
    while (delivered == 0 && System.nanoTime() < deadline) {
      Thread.sleep(2000);
      delivered = deliveredOnFirstLine(titulaire, number);
    }
    assertThat(delivered).as("delivered by the recovery task").isEqualTo(1);

    Http.Reply replay = titulaire.dispense(number, key, body);
    assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
    assertThat(replay.json().getJsonArray("sends").getJsonObject(0).getInt("attempts")).isGreaterThanOrEqualTo(2);
    assertThat(deliveredOnFirstLine(titulaire, number)).as("delivered once").isEqualTo(1);
  }

  static int deliveredOnFirstLine(Counter counter, String number) {
    return counter.consult(number).json().getJsonArray("lines").getJsonObject(0).getInt("deliveredQuantity");
  }

  Http.Reply get(String path, Map<String, String> headers) {
    return http.send("GET", URI.create(api() + path), headers, null, null);
  }

  static void assertProblem(Http.Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.problemCode()).isEqualTo(code);
    assertThat(reply.json().getString("title")).isNotBlank();
    assertThat(reply.json().getString("instance")).contains("/api/v1/");
  }
}
