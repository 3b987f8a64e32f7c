package fr.officine.segur.it.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.ModuleWar;
import fr.officine.segur.it.support.PreviousModuleGone;
import fr.officine.segur.it.support.ProgressiveJpegBomb;
import fr.officine.segur.it.support.RawHttp;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import fr.officine.segur.it.support.SandboxExtension;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Roles and audit in Payara (issue 4 §4, §5): every role against every endpoint of the module (one
 * table), the accesses to a patient's data listed with who, role and outcome, failed logins audited
 * without the password, and the hash chain: valid, then broken by a row edited directly in the H2
 * file (opened beside Payara through H2's AUTO_SERVER, a test-only URL option), with the exact
 * record reported.
 */
@ExtendWith({SandboxExtension.class, PreviousModuleGone.class, ArquillianExtension.class})
@RunAsClient
class AuditAndRolesIT {
  static final String DOLIPRANE = "3400935955838";
  static final String PHARMACY_A = "690100011";
  static final String PHARMACY_B = "690100029";

  /** Permitted by the matrix; the outcome then depends on the data (200, 404, 409, 422...). */
  static final int PERMITTED = 0;

  /** ADRUN ZOE, the first public INSi test identity (DOMAIN-FACTS §3.4). */
  static final String ZOE_INS = "275126322074974";

  /** Accounts locked after 4 failures here, without delays, so the lock is reached at once. */
  static final int LOCK_AFTER = 4;

  @Deployment(testable = false)
  static WebArchive module() {
    JavaArchive throttle =
        ShrinkWrap.create(JavaArchive.class, "audit-it-throttle.jar")
            .addAsManifestResource(
                new StringAsset(
                    "config_ordinal=150\n"
                        + "segur.login.delay-initial=PT0S\n"
                        + "segur.login.account.delay-after="
                        + LOCK_AFTER
                        + "\n"
                        + "segur.login.account.lock-after="
                        + LOCK_AFTER
                        + "\n"),
                "microprofile-config.properties");
    return ModuleWar.fromBuild().addAsLibrary(throttle);
  }

  @ArquillianResource URL base;
  final Http http = new Http();

  /** The four seeded accounts and a caller without a session. */
  enum Who {
    TITULAIRE("titulaire"),
    ADJOINT("adjoint"),
    PREPARATEUR("preparateur"),
    CONFRERE("confrere"),
    ANONYMOUS(null);

    final String login;

    Who(String login) {
      this.login = login;
    }
  }

  /** One call of the API; {@code body} null for none. */
  record Call(
      String method, String path, String contentType, byte[] body, Map<String, String> headers) {
    static Call get(String path) {
      return new Call("GET", path, null, null, Map.of());
    }
  }

  /** One row of the table: an endpoint, how to call it, the status each caller gets. */
  record Row(
      String endpoint, java.util.function.Function<Who, Call> call, Map<Who, Integer> expected) {}

  String api() {
    return base.toString().replaceAll("/$", "") + "/api/v1";
  }

  Http.Reply call(Map<Who, Counter> counters, Who who, Call c) {
    if (who == Who.ANONYMOUS) {
      return http.send(
          c.method(), URI.create(api() + c.path()), c.headers(), c.contentType(), c.body());
    }
    return counters.get(who).send(c.method(), c.path(), c.headers(), c.contentType(), c.body());
  }

  static Map<Who, Integer> statuses(int titulaire, int adjoint, int preparateur, int confrere) {
    Map<Who, Integer> m = new EnumMap<>(Who.class);
    m.put(Who.TITULAIRE, titulaire);
    m.put(Who.ADJOINT, adjoint);
    m.put(Who.PREPARATEUR, preparateur);
    m.put(Who.CONFRERE, confrere);
    m.put(Who.ANONYMOUS, 401);
    return m;
  }

  Map<Who, Counter> counters() {
    Map<Who, Counter> counters = new EnumMap<>(Who.class);
    for (Who who : Who.values()) {
      if (who.login != null) {
        counters.put(who, Counter.login(base, who.login));
      }
    }
    return counters;
  }

  String newPrescription(SandboxAdmin sandbox) {
    return sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg, cp", 10)));
  }

  @Test
  void every_role_gets_exactly_what_the_habilitation_matrix_allows_on_every_endpoint(
      SandboxAdmin sandbox) {
    Map<Who, Counter> counters = counters();
    String number = newPrescription(sandbox);
    JsonObject prescription = counters.get(Who.TITULAIRE).consult(number).json();
    String lineId = prescription.getJsonArray("lines").getJsonObject(0).getString("lineId");
    String ins = prescription.getJsonObject("patient").getString("ins");
    Http.Reply first =
        counters
            .get(Who.TITULAIRE)
            .dispense(
                number,
                UUID.randomUUID().toString(),
                Dispensations.body().deliver(lineId, 1).build());
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    String dispensationId = first.json().getString("dispensationId");
    byte[] dispensationBody =
        Dispensations.body().deliver(lineId, 1).build().toString().getBytes(StandardCharsets.UTF_8);

    // The module's endpoints (JAX-RS resources at the time of writing). DELETE /sessions/current is
    // left out (it would close the caller's session); POST /sessions is public (below).
    List<Row> table = new ArrayList<>();
    table.add(
        new Row(
            "POST /scans",
            who ->
                new Call(
                    "POST",
                    "/scans",
                    "text/plain; charset=UTF-8",
                    number.getBytes(StandardCharsets.UTF_8),
                    Map.of()),
            statuses(200, 200, 200, 200)));
    table.add(
        new Row(
            "GET /prescriptions/{number}",
            who -> Call.get("/prescriptions/" + number),
            statuses(200, 200, 200, 200)));
    table.add(
        new Row(
            "POST /prescriptions/{number}/dispensations",
            who ->
                new Call(
                    "POST",
                    "/prescriptions/" + number + "/dispensations",
                    "application/json",
                    dispensationBody,
                    Map.of("Idempotency-Key", UUID.randomUUID().toString())),
            statuses(201, 201, 201, 201)));
    // another pharmacy's dispensation does not exist for the confrère: permitted, not found
    table.add(
        new Row(
            "GET /dispensations/{id}",
            who -> Call.get("/dispensations/" + dispensationId),
            statuses(200, 200, 200, 404)));
    table.add(
        new Row(
            "GET /dispensations/{id}/document.pdf",
            who -> Call.get("/dispensations/" + dispensationId + "/document.pdf"),
            statuses(200, 200, 200, 404)));
    table.add(
        new Row(
            "GET /dispensations/{id}/document.xml",
            who -> Call.get("/dispensations/" + dispensationId + "/document.xml"),
            statuses(200, 200, 200, 404)));
    table.add(new Row("GET /outbox", who -> Call.get("/outbox"), statuses(200, 200, 200, 200)));
    table.add(
        new Row(
            "POST /outbox/retry",
            who -> new Call("POST", "/outbox/retry", null, null, Map.of()),
            statuses(200, 200, 403, 200)));
    table.add(
        new Row(
            "POST /identity/insi",
            who ->
                new Call(
                    "POST",
                    "/identity/insi",
                    "application/json",
                    utf8(
                        "{\"birthName\":\"ADRUN\",\"firstNames\":[\"ZOE\"],\"sex\":\"F\",\"birthDate\":\"1975-12-31\",\"birthPlace\":\"63220\"}"),
                    Map.of()),
            statuses(200, 200, 200, 200)));
    table.add(
        new Row(
            "POST /identity/qualifications",
            who ->
                new Call(
                    "POST",
                    "/identity/qualifications",
                    "application/json",
                    utf8(
                        "{\"ins\":{\"matricule\":\"2751263220749\",\"key\":\"74\",\"oid\":\"1.2.250.1.213.1.4.8\"},\"identityDocument\":{\"type\":\"CNI\",\"checkedTraitsMatch\":true}}"),
                    Map.of()),
            statuses(PERMITTED, PERMITTED, PERMITTED, PERMITTED)));
    table.add(
        new Row(
            "GET /identity/patients/{ins}",
            who -> Call.get("/identity/patients/" + ZOE_INS),
            statuses(PERMITTED, PERMITTED, PERMITTED, PERMITTED)));
    table.add(
        new Row(
            "GET /sessions/current",
            who -> Call.get("/sessions/current"),
            statuses(200, 200, 200, 200)));
    table.add(
        new Row(
            "GET /audit?ins=", who -> Call.get("/audit?ins=" + ins), statuses(200, 200, 403, 200)));
    table.add(
        new Row(
            "GET /audit/verification",
            who -> Call.get("/audit/verification"),
            statuses(200, 200, 403, 200)));
    table.add(
        new Row(
            "GET /sessions/failures",
            who -> Call.get("/sessions/failures"),
            statuses(200, 200, 403, 200)));

    SoftAssertions softly = new SoftAssertions();
    for (Row row : table) {
      for (Who who : Who.values()) {
        Http.Reply reply = call(counters, who, row.call().apply(who));
        int expected = row.expected().get(who);
        if (expected == PERMITTED) {
          softly
              .assertThat(reply.status())
              .as(row.endpoint() + " as " + who + ": " + reply)
              .isBetween(200, 499)
              .isNotIn(401, 403);
          continue;
        }
        softly
            .assertThat(reply.status())
            .as(row.endpoint() + " as " + who + ": " + reply)
            .isEqualTo(expected);
        if (expected == 401) {
          softly
              .assertThat(reply.problemCode())
              .as(row.endpoint() + " as " + who)
              .isEqualTo("UNAUTHENTICATED");
        } else if (expected == 403) {
          softly
              .assertThat(reply.problemCode())
              .as(row.endpoint() + " as " + who)
              .isEqualTo("FORBIDDEN");
          softly
              .assertThat(reply.json().getString("detail"))
              .as(row.endpoint() + " as " + who)
              .contains("réservé à titulaire, adjoint");
        }
      }
    }
    // the public endpoint: a wrong password is 401 for anybody, the right one opens a session
    for (Who who : Who.values()) {
      if (who.login != null) {
        softly
            .assertThat(Counter.openSession(api(), who.login, "not-" + who.login).status())
            .as("POST /sessions wrong password " + who)
            .isEqualTo(401);
        softly
            .assertThat(Counter.openSession(api(), who.login, who.login).status())
            .as("POST /sessions " + who)
            .isEqualTo(201);
      }
    }
    // the identity calls are accesses to ZOE's data, listed under her INS
    Http.Reply zoe =
        counters.get(Who.TITULAIRE).send("GET", "/audit?ins=" + ZOE_INS, Map.of(), null, null);
    softly
        .assertThat(((JsonArray) zoe.structure()).getValuesAs(JsonObject.class))
        .extracting(a -> a.getString("action"))
        .contains("INSI_QUERY", "IDENTITY_QUALIFY", "IDENTITY_READ");
    softly.assertAll();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void the_accesses_to_a_patient_are_listed_newest_first_with_who_role_and_outcome(
      SandboxAdmin sandbox) {
    Map<Who, Counter> counters = counters();
    String number = newPrescription(sandbox);
    Counter preparateur = counters.get(Who.PREPARATEUR);

    assertThat(preparateur.scanText(number).status()).isEqualTo(200);
    Http.Reply consulted = preparateur.consult(number);
    assertThat(consulted.status()).isEqualTo(200);
    String ins = consulted.json().getJsonObject("patient").getString("ins");
    assertThat(preparateur.send("GET", "/audit?ins=" + ins, Map.of(), null, null).status())
        .isEqualTo(403);

    Http.Reply listed =
        counters.get(Who.TITULAIRE).send("GET", "/audit?ins=" + ins, Map.of(), null, null);

    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    JsonArray accesses = (JsonArray) listed.structure();
    JsonObject refused = accesses.getJsonObject(0);
    JsonObject consult = accesses.getJsonObject(1);
    JsonObject scan = accesses.getJsonObject(2);
    assertThat(refused.getString("action")).isEqualTo("AUDIT_READ");
    assertThat(refused.getString("login")).isEqualTo("preparateur");
    assertThat(refused.getInt("status")).isEqualTo(403);
    assertThat(refused.getString("problemCode")).isEqualTo("FORBIDDEN");

    assertThat(consult.getString("action")).isEqualTo("PRESCRIPTION_CONSULT");
    assertThat(consult.getString("actionLabel")).isEqualTo("Consulter une ordonnance");
    assertThat(consult.getString("login")).isEqualTo("preparateur");
    assertThat(consult.getString("role")).isEqualTo("PREPARATEUR");
    assertThat(consult.get("rpps"))
        .as("a préparateur has no RPPS")
        .satisfiesAnyOf(
            v -> assertThat(v).isNull(), v -> assertThat(v.toString()).isEqualTo("null"));
    assertThat(consult.getString("pharmacyFiness")).isEqualTo(PHARMACY_A);
    assertThat(consult.getString("target")).isEqualTo(number);
    assertThat(consult.getInt("status")).isEqualTo(200);
    assertThat(consult.getString("at")).endsWith("Z");
    assertThat(consult.getString("clientIp")).isNotBlank();
    // the scan named only the prescription: tied to the patient by the consult of the same number
    assertThat(scan.getString("action")).isEqualTo("SCAN");
    assertThat(scan.getString("target")).isEqualTo(number);
    assertThat(scan.getJsonNumber("seq").longValue())
        .isLessThan(consult.getJsonNumber("seq").longValue());

    // the confrère's pharmacy has its own log: none of pharmacy A's accesses
    Http.Reply theirs =
        counters.get(Who.CONFRERE).send("GET", "/audit?ins=" + ins, Map.of(), null, null);
    assertThat(((JsonArray) theirs.structure()).getValuesAs(JsonObject.class))
        .allSatisfy(a -> assertThat(a.getString("pharmacyFiness")).isEqualTo(PHARMACY_B));
  }

  @Test
  void a_failed_login_and_a_call_without_session_are_audited_without_the_password(
      SandboxAdmin sandbox) throws SQLException {
    String password = "Wrong-" + UUID.randomUUID();
    assertThat(Counter.openSession(api(), "titulaire", password).status()).isEqualTo(401);
    String number = newPrescription(sandbox);
    Http.Reply anonymous =
        http.send(
            "GET",
            URI.create(api() + "/prescriptions/" + number),
            Map.of("Authorization", "Bearer forged"),
            null,
            null);
    assertThat(anonymous.status()).isEqualTo(401);

    try (Connection c = moduleDatabase()) {
      Map<String, Object> login =
          lastRecord(c, "action = 'LOGIN' AND login = 'titulaire' AND http_status = 401");
      assertThat(login)
          .containsEntry("PROBLEM_CODE", "BAD_CREDENTIALS")
          .containsEntry("ROLE", null);
      Map<String, Object> refused =
          lastRecord(c, "action = 'PRESCRIPTION_CONSULT' AND target = '" + number + "'");
      assertThat(refused)
          .containsEntry("HTTP_STATUS", 401)
          .containsEntry("LOGIN", null)
          .containsEntry("PROBLEM_CODE", "UNAUTHENTICATED");
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(*) FROM audit_record WHERE CONCAT_WS('|', login, target, user_agent, problem_code) LIKE ?")) {
        ps.setString(1, "%" + password + "%");
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).as("records holding the password").isZero();
        }
      }
    }
  }

  @Test
  void a_row_edited_in_the_database_makes_the_verification_name_that_record(SandboxAdmin sandbox)
      throws SQLException {
    Counter titulaire = Counter.login(base, "titulaire");
    Counter adjoint = Counter.login(base, "adjoint");
    JsonObject before = titulaire.send("GET", "/audit/verification", Map.of(), null, null).json();
    assertThat(before.getBoolean("valid")).as(before.toString()).isTrue();
    assertThat(before.isNull("firstBrokenRecord")).isTrue();
    assertThat(before.getJsonNumber("records").longValue()).isPositive();

    String number = newPrescription(sandbox);
    assertThat(adjoint.consult(number).status()).isEqualTo(200);
    try (Connection c = moduleDatabase()) {
      long seq =
          ((Number)
                  lastRecord(c, "action = 'PRESCRIPTION_CONSULT' AND target = '" + number + "'")
                      .get("SEQ"))
              .longValue();
      // the database itself refuses a plain edit of the log (append-only trigger)
      assertThatThrownBy(
              () -> update(c, "UPDATE audit_record SET login = 'titulaire' WHERE seq = " + seq))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Journal d'audit en ajout seul");
      assertThatThrownBy(() -> update(c, "DELETE FROM audit_record WHERE seq = " + seq))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("suppression refusée");
      // an intruder with the database owner's rights drops the trigger first, then turns the
      // adjoint's consult into the titulaire's: the hash chain is what catches it
      update(c, "DROP TRIGGER audit_record_append_only", 0);
      update(c, "UPDATE audit_record SET login = 'titulaire' WHERE seq = " + seq);
      try {
        JsonObject after =
            titulaire.send("GET", "/audit/verification", Map.of(), null, null).json();
        assertThat(after.getBoolean("valid")).as(after.toString()).isFalse();
        assertThat(after.getJsonNumber("firstBrokenRecord").longValue()).isEqualTo(seq);
        // the whole chain is checked; the count is this pharmacy's records only (issue 11 §16)
        assertThat(after.getJsonNumber("records").longValue())
            .isPositive()
            .isLessThanOrEqualTo(seq);
      } finally {
        // put it back so that later runs on this database start from a valid chain, guarded again
        // (FORCE: the trigger class is the module's, loaded by the module when it fires)
        update(c, "UPDATE audit_record SET login = 'adjoint' WHERE seq = " + seq);
        update(
            c,
            "CREATE FORCE TRIGGER audit_record_append_only BEFORE UPDATE, DELETE ON audit_record"
                + " FOR EACH ROW CALL 'fr.officine.segur.audit.AppendOnlyTrigger'",
            0);
      }
      JsonObject repaired =
          titulaire.send("GET", "/audit/verification", Map.of(), null, null).json();
      assertThat(repaired.getBoolean("valid")).as(repaired.toString()).isTrue();
    }
  }

  // --- issue 11: what an attacker on the network tried (login throttling, body limits, log flood,
  // caches)

  @Test
  void
      an_account_guessed_too_often_is_locked_and_the_right_password_is_refused_then_the_pharmacists_see_it()
          throws SQLException {
    // a fresh account of pharmacy A (the préparateur's password), so no other test is locked out
    String login = "verrou-" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = moduleDatabase()) {
      update(
          c,
          "INSERT INTO account (login, password_hash, rpps, last_name, first_name, role, pharmacy_finess)"
              + " SELECT '"
              + login
              + "', password_hash, NULL, 'ESSAI', 'Verrou', 'PREPARATEUR', pharmacy_finess"
              + " FROM account WHERE login = 'preparateur'");
    }
    for (int i = 0; i < LOCK_AFTER; i++) {
      Http.Reply wrong = Counter.openSession(api(), login, "guess-" + i);
      assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
    }

    Http.Reply right = Counter.openSession(api(), login, "preparateur");

    assertThat(right.status()).as(right.toString()).isEqualTo(423);
    assertThat(right.contentType()).startsWith("application/problem+json");
    assertThat(right.problemCode()).isEqualTo("LOGIN_LOCKED");
    assertThat(right.json().getString("title")).startsWith("Connexion verrouillée temporairement");
    assertThat(right.json().getString("detail"))
        .startsWith("Compte verrouillé après " + LOCK_AFTER + " essais manqués, jusqu'à ");
    assertThat(Long.parseLong(right.header("Retry-After"))).isPositive();

    // every failure and the refusal are in the audit log, and the pharmacists of A list them
    Http.Reply listed =
        Counter.login(base, "titulaire").send("GET", "/sessions/failures", Map.of(), null, null);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    List<JsonObject> failures =
        listed.json().getJsonArray("failures").getValuesAs(JsonObject.class).stream()
            .filter(f -> f.getString("login").equals(login))
            .toList();
    assertThat(failures)
        .extracting(f -> f.getString("problemCode"))
        .containsExactly(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("LOGIN_LOCKED"),
                    java.util.Collections.nCopies(LOCK_AFTER, "BAD_CREDENTIALS").stream())
                .toArray(String[]::new));
    assertThat(failures).allSatisfy(f -> assertThat(f.getString("clientIp")).isNotBlank());
    assertThat(listed.json().getJsonArray("accounts").getValuesAs(JsonObject.class))
        .anySatisfy(
            a -> {
              assertThat(a.getString("login")).isEqualTo(login);
              assertThat(a.getInt("failures")).isEqualTo(LOCK_AFTER);
              assertThat(a.getString("lockedUntil")).isNotBlank();
            });
    assertThat(listed.text()).doesNotContain("guess-");
    // another pharmacy does not see them; a préparateur may not look
    Http.Reply theirs =
        Counter.login(base, "confrere").send("GET", "/sessions/failures", Map.of(), null, null);
    assertThat(theirs.text()).doesNotContain(login);
    assertThat(
            Counter.login(base, "preparateur")
                .send("GET", "/sessions/failures", Map.of(), null, null)
                .status())
        .isEqualTo(403);
  }

  @Test
  void a_hundred_megabyte_password_is_refused_413_before_its_body_is_read() {
    byte[] first = "{\"login\":\"titulaire\",\"password\":\"".getBytes(StandardCharsets.UTF_8);
    long declared = 100L * 1024 * 1024;

    // only the first bytes are sent: the answer can come only from a server that does not wait for
    // the rest
    RawHttp.Answer answer =
        RawHttp.send(
            base,
            null,
            "POST",
            "/api/v1/sessions",
            Map.of("Content-Type", "application/json", "Accept", "application/json"),
            declared,
            first);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.body())
        .contains("\"code\":\"REQUEST_TOO_LARGE\"")
        .contains("Requête trop volumineuse");
  }

  @Test
  void
      a_body_without_length_is_cut_at_the_limit_and_a_picture_declared_too_big_is_refused_unread() {
    // chunked (no Content-Length): counted while read, stopped past 64 KiB
    String padding = "x".repeat(200_000);
    HttpRequest chunked =
        HttpRequest.newBuilder(URI.create(api() + "/sessions"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () ->
                        new java.io.ByteArrayInputStream(
                            ("{\"login\":\"titulaire\",\"password\":\"" + padding + "\"}")
                                .getBytes(StandardCharsets.UTF_8))))
            .build();
    try {
      HttpResponse<String> reply =
          HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
      assertThat(reply.body()).contains("REQUEST_TOO_LARGE");
    } catch (java.io.IOException e) {
      // the server may close the connection while the client still sends: then nothing was accepted
      // either
      assertThat(e).as("a refused chunked body").isNotNull();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }

    // a picture has its own, larger limit (segur.scan.max-image-bytes): declared above it, refused
    // unread
    Counter titulaire = Counter.login(base, "titulaire");
    RawHttp.Answer picture =
        RawHttp.send(
            base,
            null,
            "POST",
            "/api/v1/scans",
            Map.of("Content-Type", "image/jpeg", "Authorization", "Bearer " + titulaire.token()),
            200L * 1024 * 1024,
            new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    assertThat(picture.status()).as(picture.toString()).isEqualTo(413);
    assertThat(picture.body()).contains("PAYLOAD_TOO_LARGE");
  }

  @Test
  void every_text_field_has_a_length_limit_answered_422_naming_the_field(SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    String number = newPrescription(sandbox);
    String lineId =
        titulaire.consult(number).json().getJsonArray("lines").getJsonObject(0).getString("lineId");

    JsonObject longLabel =
        Json.createObjectBuilder()
            .add(
                "lines",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("lineId", lineId)
                            .add("quantity", 1)
                            .add(
                                "deliveredProduct",
                                Json.createObjectBuilder()
                                    .add("cip13", DOLIPRANE)
                                    .add("label", "D".repeat(301)))))
            .build();
    Http.Reply label = titulaire.dispense(number, UUID.randomUUID().toString(), longLabel);
    assertThat(label.status()).as(label.toString()).isEqualTo(422);
    assertThat(label.problemCode()).isEqualTo("FIELD_TOO_LONG");
    assertThat(label.json().getString("detail"))
        .isEqualTo(
            "Champ « lines[0].deliveredProduct.label » : 301 caractères, 300 caractères au plus.");
    // nothing was recorded: the same line can still be delivered in full
    assertThat(
            titulaire
                .consult(number)
                .json()
                .getJsonArray("lines")
                .getJsonObject(0)
                .getInt("deliveredQuantity"))
        .isZero();

    Http.Reply password = Counter.openSession(api(), "titulaire", "p".repeat(257));
    assertThat(password.status()).as(password.toString()).isEqualTo(422);
    assertThat(password.json().getString("detail"))
        .startsWith("Champ « password » : 257 caractères");

    Http.Reply name =
        titulaire.send(
            "POST",
            "/identity/insi",
            Map.of(),
            "application/json",
            utf8(
                "{\"birthName\":\""
                    + "A".repeat(101)
                    + "\",\"firstNames\":[\"ZOE\"],\"sex\":\"F\",\"birthDate\":\"1975-12-31\"}"));
    assertThat(name.status()).as(name.toString()).isEqualTo(422);
    assertThat(name.json().getString("detail")).startsWith("Champ « birthName »");

    Http.Reply firstName =
        titulaire.send(
            "POST",
            "/identity/insi",
            Map.of(),
            "application/json",
            utf8(
                "{\"birthName\":\"ADRUN\",\"firstNames\":[\"ZOE\",\""
                    + "B".repeat(101)
                    + "\"],\"sex\":\"F\",\"birthDate\":\"1975-12-31\"}"));
    assertThat(firstName.status()).as(firstName.toString()).isEqualTo(422);
    assertThat(firstName.json().getString("detail")).startsWith("Champ « firstNames[1]");
  }

  @Test
  void
      a_progressive_jpeg_of_a_thousand_scans_is_refused_and_two_of_them_do_not_starve_a_real_qr_picture(
          SandboxAdmin sandbox) throws Exception {
    Counter titulaire = Counter.login(base, "titulaire");
    String number = newPrescription(sandbox);
    byte[] real = sandbox.qrPng(number);
    byte[] hostile = ProgressiveJpegBomb.of(1000);
    assertThat(hostile.length)
        .as("a small file: its header passes every size check")
        .isBetween(60_000, 120_000);

    Http.Reply alone = titulaire.scanImage(hostile, "image/jpeg");
    assertThat(alone.status()).as(alone.toString()).isEqualTo(422);
    assertThat(alone.problemCode()).isEqualTo("IMAGE_TOO_COMPLEX");
    assertThat(alone.json().getString("title")).startsWith("Image trop coûteuse à décoder");
    assertThat(alone.json().getString("detail"))
        .startsWith("JPEG de 1002 passes sur 20,0 Mpx : au plus 32 passes");

    // two hostile pictures sent first (as many as the machine has decode permits here: 2 cores),
    // then a real one: every outcome is asserted, none of the timings
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Http.Reply>> attacks = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        attacks.add(
            pool.submit(
                () -> Counter.withToken(base, titulaire.token()).scanImage(hostile, "image/jpeg")));
      }
      Http.Reply scanned = titulaire.scanImage(real, "image/png");
      assertThat(scanned.status()).as(scanned.toString()).isEqualTo(200);
      assertThat(scanned.json().getString("prescriptionNumber")).isEqualTo(number);
      for (java.util.concurrent.Future<Http.Reply> attack : attacks) {
        Http.Reply refused = attack.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.problemCode()).isEqualTo("IMAGE_TOO_COMPLEX");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_presence_stream_with_a_bogus_ticket_is_a_401_problem_not_an_empty_stream(
      SandboxAdmin sandbox) {
    String number = newPrescription(sandbox);
    for (String ticket : List.of("bogus", "")) {
      Http.Reply stream =
          http.send(
              "GET",
              URI.create(api() + "/prescriptions/" + number + "/presence?ticket=" + ticket),
              Map.of("Accept", "text/event-stream"),
              null,
              null);
      assertThat(stream.status()).as(stream.toString()).isEqualTo(401);
      assertThat(stream.contentType()).startsWith("application/problem+json");
      assertThat(stream.problemCode()).isEqualTo("UNAUTHENTICATED");
      assertThat(stream.json().getString("detail"))
          .isEqualTo("Ticket de présence inconnu, expiré ou déjà utilisé.");
    }
    Http.Reply badNumber =
        http.send(
            "GET",
            URI.create(api() + "/prescriptions/not-a-number/presence?ticket=x"),
            Map.of("Accept", "text/event-stream"),
            null,
            null);
    assertThat(badNumber.status()).as(badNumber.toString()).isEqualTo(401);
  }

  @Test
  void no_answer_of_the_api_may_be_stored_by_a_browser_or_a_proxy(SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    String number = newPrescription(sandbox);
    Http.Reply consulted = titulaire.consult(number);
    String lineId = consulted.json().getJsonArray("lines").getJsonObject(0).getString("lineId");
    Http.Reply dispensed =
        titulaire.dispense(
            number, UUID.randomUUID().toString(), Dispensations.body().deliver(lineId, 1).build());
    String id = dispensed.json().getString("dispensationId");

    for (Http.Reply reply :
        List.of(
            consulted,
            dispensed,
            titulaire.dispensation(id),
            titulaire.send(
                "GET",
                "/dispensations/" + id + "/document.pdf",
                Map.of("Accept", "application/pdf"),
                null,
                null),
            titulaire.send(
                "GET",
                "/dispensations/" + id + "/document.xml",
                Map.of("Accept", "application/xml, text/xml"),
                null,
                null),
            titulaire.send("GET", "/prescriptions/SBX00INCONNU000000", Map.of(), null, null),
            Counter.openSession(api(), "titulaire", "titulaire"))) {
      assertThat(reply.header("Cache-Control"))
          .as(reply.status() + " " + reply.contentType())
          .isEqualTo("no-store");
    }
  }

  @Test
  void another_pharmacys_dispensation_and_consults_leave_nothing_of_theirs_in_this_pharmacys_audit(
      SandboxAdmin sandbox) throws SQLException {
    // Issue 11 §16: each pharmacy's log holds and shows only what that pharmacy did and knew.
    Counter titulaire = Counter.login(base, "titulaire");
    Counter confrere = Counter.login(base, "confrere");
    String number = newPrescription(sandbox);
    JsonObject prescription = titulaire.consult(number).json();
    String ins = prescription.getJsonObject("patient").getString("ins");
    String lineId = prescription.getJsonArray("lines").getJsonObject(0).getString("lineId");
    Http.Reply dispensed =
        titulaire.dispense(
            number, UUID.randomUUID().toString(), Dispensations.body().deliver(lineId, 1).build());
    assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(201);
    String id = dispensed.json().getString("dispensationId");

    // B asks for A's dispensation (404) and scans A's prescription without consulting it
    assertThat(confrere.dispensation(id).status()).isEqualTo(404);
    assertThat(confrere.scanText(number).status()).isEqualTo(200);

    try (Connection c = moduleDatabase()) {
      Map<String, Object> refused =
          lastRecord(
              c, "action = 'DISPENSATION_READ' AND login = 'confrere' AND target = '" + id + "'");
      assertThat(refused)
          .containsEntry("HTTP_STATUS", 404)
          .containsEntry("PRESCRIPTION_NUMBER", null);
    }
    // B's log of the patient: nothing tied through A's consult (B never consulted it)
    Http.Reply theirs = confrere.send("GET", "/audit?ins=" + ins, Map.of(), null, null);
    assertThat(theirs.status()).as(theirs.toString()).isEqualTo(200);
    assertThat(((JsonArray) theirs.structure()).getValuesAs(JsonObject.class))
        .noneMatch(
            a ->
                number.equals(a.getString("target", null))
                    || id.equals(a.getString("target", null)))
        .noneMatch(a -> a.toString().contains(number));

    // the verification counts B's own records (the whole chain is still checked)
    JsonObject verification =
        confrere.send("GET", "/audit/verification", Map.of(), null, null).json();
    assertThat(verification.getBoolean("valid")).as(verification.toString()).isTrue();
    try (Connection c = moduleDatabase()) {
      long ownBeforeThisCall =
          count(c, "pharmacy_finess = '" + PHARMACY_B + "'") - 1; // its own AUDIT_VERIFY record
      assertThat(verification.getJsonNumber("records").longValue()).isEqualTo(ownBeforeThisCall);
      assertThat(count(c, "pharmacy_finess <> '" + PHARMACY_B + "' OR pharmacy_finess IS NULL"))
          .isPositive();
    }
  }

  static long count(Connection c, String where) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM audit_record WHERE " + where);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The module's H2 file, opened beside Payara: both use AUTO_SERVER (tests only). */
  static Connection moduleDatabase() throws SQLException {
    String dir = System.getProperty("module.dataDir");
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dir + "/module/segur;AUTO_SERVER=TRUE", "sa", "");
  }

  static Map<String, Object> lastRecord(Connection c, String where) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT * FROM audit_record WHERE "
                    + where
                    + " ORDER BY seq DESC FETCH FIRST 1 ROW ONLY");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).as("an audit record where " + where).isTrue();
      Map<String, Object> row = new HashMap<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
      }
      return row;
    }
  }

  static void update(Connection c, String sql) throws SQLException {
    update(c, sql, 1);
  }

  static void update(Connection c, String sql, int rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      assertThat(ps.executeUpdate()).isEqualTo(rows);
    }
  }
}
