package fr.officine.segur.it.flow;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.ModuleWar;
import fr.officine.segur.it.support.SandboxAdmin;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the counter-flow ITs share ({@link CounterFlowScanIT}, {@link CounterFlowRecordingIT},
 * {@link CounterFlowLgoIT}): the module's WAR as they deploy it, the sandbox's e-prescription base
 * up and two pharmacies' counters logged in before each test, the products prescribed and the
 * helpers that read the module's answers. Each test writes its own prescription through the
 * sandbox's prescriber API, so tests do not depend on each other. Each subclass keeps its own
 * {@code @Deployment} (one Payara boot per class) and its extensions.
 */
abstract class CounterFlowFixtures {
  static final String DOLIPRANE = "3400935955838";
  static final String AMOXICILLINE = "3400934998331";

  static final String LUBRICANT_LPP = "1150130";
  static final String LUBRICANT = "HYALURONATE DE SODIUM 0,15 % collyre lubrifiant fl 10 ml";

  /** The module's WAR as each counter-flow class deploys it, from its own {@code @Deployment}. */
  static WebArchive recoveryLaterModule() {
    // The recovery task far away for this deployment (a config source above the system
    // properties): a pharmacist's check or cancel is what these tests watch, the recovery task
    // must not settle first on a slow machine. Its own test is in CounterPageRecordingIT
    // (recovery PT3S).
    return ModuleWar.fromBuild()
        .addAsLibrary(
            org.jboss.shrinkwrap.api.ShrinkWrap.create(
                    org.jboss.shrinkwrap.api.spec.JavaArchive.class, "recovery-later.jar")
                .addAsManifestResource(
                    new org.jboss.shrinkwrap.api.asset.StringAsset(
                        "config_ordinal=500\nsegur.dispensation.recovery-after=PT1H\n"),
                    "microprofile-config.properties"));
  }

  @ArquillianResource URL base;
  SandboxAdmin sandbox;
  Counter titulaire;
  Counter confrere;
  final Http http = new Http();

  @BeforeEach
  void counters(SandboxAdmin sandbox) {
    this.sandbox = sandbox;
    assertThat(base.getHost())
        .as("tests talk to loopback only (LoopbackExtension)")
        .isEqualTo("127.0.0.1");
    sandbox.fault("eprescription", "up", 0);
    titulaire = Counter.login(base, "titulaire");
    confrere = Counter.login(base, "confrere");
  }

  String api() {
    return base.toString().replaceAll("/$", "") + "/api/v1";
  }

  static JsonObject ok(Http.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  static void assertProblem(Http.Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.problemCode()).isEqualTo(code);
    assertThat(reply.json().getString("title")).isNotBlank();
  }

  static String lineId(JsonObject prescription, String cip13) {
    return prescription.getJsonArray("lines").getValuesAs(JsonObject.class).stream()
        .filter(l -> cip13.equals(l.getJsonObject("product").getString("code", "")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + cip13 + " in " + prescription))
        .getString("lineId");
  }

  static JsonObject line(JsonObject prescription, String lineId) {
    return prescription.getJsonArray("lines").getValuesAs(JsonObject.class).stream()
        .filter(l -> lineId.equals(l.getString("lineId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + lineId + " in " + prescription));
  }

  static String key() {
    return UUID.randomUUID().toString();
  }
}
