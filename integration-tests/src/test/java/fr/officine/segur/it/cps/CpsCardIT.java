package fr.officine.segur.it.cps;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.Identities;
import fr.officine.segur.it.support.ModuleWar;
import fr.officine.segur.it.support.PreviousModuleGone;
import fr.officine.segur.it.support.RawHttp;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxExtension;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CPS card through the module in Payara and the machine's real PC/SC stack (pcscd + vpcd + the
 * virtual card of deploy/pcsc, in reader "Virtual PCD 00 01" so that the module's own PC/SC test
 * can use reader 00 00). Fails with the command to run when PC/SC is missing; -Dpcsc.skip=true
 * skips it explicitly.
 */
@DisabledIfSystemProperty(
    named = "pcsc.skip",
    matches = "true",
    disabledReason = "PC/SC tests skipped on request (-Dpcsc.skip=true)")
@ExtendWith({SandboxExtension.class, PreviousModuleGone.class, ArquillianExtension.class})
@RunAsClient
class CpsCardIT {
  static final String READER = "Virtual PCD 00 01";
  static final Path CARD_SCRIPT =
      Path.of("../deploy/pcsc/cps-card.sh").toAbsolutePath().normalize();

  static FileChannel lockFile;
  static FileLock lock;

  @Deployment(testable = false)
  static WebArchive module() {
    return ModuleWar.fromBuild();
  }

  @ArquillianResource URL base;
  final Http http = new Http();

  @BeforeAll
  static void realPcscStack() throws Exception {
    List<String> readers;
    try {
      TerminalFactory f = TerminalFactory.getInstance("PC/SC", null);
      readers = f.terminals().list().stream().map(CardTerminal::getName).toList();
    } catch (Exception e) {
      readers = List.of();
    }
    if (!readers.contains(READER)) {
      throw new AssertionError(
          "PC/SC stack unavailable (readers "
              + readers
              + ", expected "
              + READER
              + "). Run"
              + " deploy/install-test-deps.sh as root (installs and starts pcscd + vpcd), or skip"
              + " with -Dpcsc.skip=true.");
    }
    lockFile =
        FileChannel.open(
            Path.of(
                System.getenv().getOrDefault("TMPDIR", "/tmp"), "officine-segur-pcsc-reader1.lock"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
    lock = lockFile.lock();
  }

  @AfterAll
  static void release() throws Exception {
    if (lock != null) {
      lock.release();
      lockFile.close();
    }
  }

  @Test
  void a_cps_card_opens_a_directe_session_that_ends_with_carte_cps_retiree_when_removed()
      throws Exception {
    assertThat(get("/sessions/cps/readers", null).text()).contains(READER);
    Process card = insert("--holder", "titulaire");
    try {
      Http.Reply opened = openWithCard("1234");
      assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
      assertThat(opened.json().getString("authMode")).isEqualTo("DIRECTE");
      assertThat(opened.json().getJsonObject("professional").getString("login"))
          .isEqualTo("titulaire");
      assertThat(opened.json().getJsonObject("pharmacy").getString("finess"))
          .isEqualTo("690100011");
      assertThat(opened.json().getJsonObject("card").getString("rpps")).isEqualTo("10100000016");
      String token = opened.json().getString("token");

      Thread.sleep(1500); // the card watch runs every second: an inserted card keeps its session
      assertThat(get("/sessions/current", token).status()).isEqualTo(200);

      remove(card);
      long removed = System.nanoTime();
      // generous bound: the figure is printed, the test proves the revocation, not its speed
      boolean ended = waitFor(() -> get("/sessions/current", token).status() == 401, 60_000);
      System.out.println(
          "CPS session refused "
              + (System.nanoTime() - removed) / 1_000_000
              + " ms after removal (Payara)");
      assertThat(ended).as("session ended after the removal").isTrue();
      Http.Reply refused = get("/sessions/current", token);
      assertThat(refused.problemCode()).isEqualTo("UNAUTHENTICATED");
      assertThat(refused.json().getString("detail")).startsWith("Carte CPS retirée");
    } finally {
      remove(card);
    }
  }

  @Test
  void a_dispensation_recorded_in_a_card_session_reaches_the_dmp_declared_directe(
      SandboxAdmin sandbox) throws Exception {
    Process card = insert("--holder", "titulaire");
    try {
      Http.Reply opened = openWithCard("1234");
      assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
      Counter counter = Counter.withToken(base, opened.json().getString("token"));
      Identities.qualify(counter, Identities.ADRUN_ZOE);
      String number =
          sandbox.createPrescription(
              Identities.ADRUN_ZOE.ins(),
              null,
              List.of(
                  SandboxAdmin.Line.of(
                      "3400935955838", "DOLIPRANE 1000 mg, comprimé, boîte de 8", 1)));
      assertThat(counter.consult(number).status()).isEqualTo(200);
      Http.Reply recorded =
          counter.dispense(
              number, UUID.randomUUID().toString(), Dispensations.body().deliver("L1", 1).build());
      assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
      String id = recorded.json().getString("dispensationId");
      String cda =
          counter
              .send("GET", "/dispensations/" + id + "/document.xml", Map.of(), null, null)
              .text();
      String root = cda.replaceAll("(?s).*?<id root=\"(2\\.25\\.[0-9]+)\".*", "$1");

      // the send leaves from the outbox, after the request: the mode was kept with the dispensation
      JsonObject held = null;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (held == null && System.nanoTime() < deadline) {
        Http.Reply inDmp = sandbox.get("/sandbox/dmp/documents?ins=" + Identities.ADRUN_ZOE.ins());
        held =
            ((JsonArray) inDmp.structure())
                .getValuesAs(JsonObject.class).stream()
                    .filter(o -> root.equals(o.getString("uniqueId")))
                    .findFirst()
                    .orElse(null);
        Thread.sleep(200);
      }
      assertThat(held).as("document " + root + " in the sandbox DMP").isNotNull();
      assertThat(held.getString("authenticationMode")).isEqualTo("DIRECTE");
      assertThat(held.getString("author")).startsWith("810100000016^MARTIN^Claire");
    } finally {
      remove(card);
    }
  }

  @Test
  void a_card_that_is_not_a_cps_is_refused_in_french() throws Exception {
    Process card = insert("--atr", "3B951381018073FF01000B");
    try {
      Http.Reply refused = openWithCard("1234");
      assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
      assertThat(refused.problemCode()).isEqualTo("CPS_CARD_REFUSED");
      assertThat(refused.json().getString("detail"))
          .isEqualTo("Carte refusée : ce n'est pas une carte CPS (ATR 3B951381018073FF01000B).");
    } finally {
      remove(card);
    }
  }

  @Test
  void a_professional_without_an_account_here_is_forbidden_and_a_wrong_pin_is_401()
      throws Exception {
    Process card = insert("--holder", "inconnu");
    try {
      Http.Reply unknown = openWithCard("1234");
      assertThat(unknown.status()).as(unknown.toString()).isEqualTo(403);
      assertThat(unknown.problemCode()).isEqualTo("CPS_HOLDER_UNKNOWN");
      Http.Reply wrongPin = openWithCard("9999");
      assertThat(wrongPin.status()).as(wrongPin.toString()).isEqualTo(401);
      assertThat(wrongPin.problemCode()).isEqualTo("CPS_PIN_INCORRECT");
      assertThat(wrongPin.json().getString("detail"))
          .isEqualTo("Code PIN incorrect : 2 essais restants.");
    } finally {
      remove(card);
    }
  }

  @Test
  void a_card_login_from_another_machine_is_refused_before_the_card_is_touched() throws Exception {
    Process card = insert("--holder", "titulaire");
    try {
      // 127.0.0.2: loopback for the routing, another machine for the module (not 127.0.0.1 nor ::1)
      for (int i = 0; i < 3; i++) {
        byte[] body =
            Json.createObjectBuilder()
                .add("pin", "0000")
                .add("reader", READER)
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer refused =
            RawHttp.send(
                base,
                InetAddress.getByName("127.0.0.2"),
                "POST",
                "/api/v1/sessions/cps",
                Map.of("Content-Type", "application/json", "Accept", "application/json"),
                body.length,
                body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.body())
            .contains("\"code\":\"CPS_WORKSTATION_REFUSED\"")
            .contains("Connexion par carte CPS refusée depuis l'adresse 127.0.0.2");
      }
      // three wrong PINs from there, and the card has not lost a try: the right one opens at once
      Http.Reply opened = openWithCard("1234");
      assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    } finally {
      remove(card);
    }
  }

  @Test
  void the_last_pin_try_is_kept_until_the_pharmacist_confirms_it() throws Exception {
    Process card = insert("--holder", "titulaire");
    try {
      assertThat(openWithCard("0000").status()).isEqualTo(401);
      Http.Reply second = openWithCard("0000");
      assertThat(second.json().getString("detail"))
          .startsWith("Code PIN incorrect : 1 essai restant.");

      Http.Reply kept = openWithCard("1234");
      assertThat(kept.status()).as(kept.toString()).isEqualTo(409);
      assertThat(kept.problemCode()).isEqualTo("CPS_PIN_LAST_TRY");
      assertThat(kept.json().getString("title"))
          .startsWith("Dernier essai du code PIN avant le blocage");

      Http.Reply opened = openWithCard("1234", true);
      assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    } finally {
      remove(card);
    }
  }

  Http.Reply openWithCard(String pin) {
    return openWithCard(pin, false);
  }

  Http.Reply openWithCard(String pin, boolean confirmLastTry) {
    String body =
        Json.createObjectBuilder()
            .add("pin", pin)
            .add("reader", READER)
            .add("confirmLastTry", confirmLastTry)
            .build()
            .toString();
    return http.send(
        "POST",
        URI.create(api() + "/sessions/cps"),
        Map.of(),
        "application/json",
        body.getBytes(StandardCharsets.UTF_8));
  }

  Http.Reply get(String path, String token) {
    return http.send(
        "GET",
        URI.create(api() + path),
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token),
        null,
        null);
  }

  String api() {
    return base.toString().replaceAll("/$", "") + "/api/v1";
  }

  static Process insert(String... options) throws Exception {
    assertThat(waitFor(() -> !present(), 10_000)).as("reader empty before inserting").isTrue();
    List<String> command = new ArrayList<>(List.of(CARD_SCRIPT.toString(), "--port", "35964"));
    command.addAll(List.of(options));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(new File("target/cps-card.log"))
            .start();
    assertThat(waitFor(CpsCardIT::present, 10_000))
        .as("virtual card in " + READER + ", see target/cps-card.log")
        .isTrue();
    return p;
  }

  static void remove(Process card) throws Exception {
    if (card.isAlive()) {
      card.destroy();
      if (!card.waitFor(5, TimeUnit.SECONDS)) {
        card.destroyForcibly().waitFor();
      }
    }
    assertThat(waitFor(() -> !present(), 10_000)).as("pcscd sees the card removed").isTrue();
  }

  static boolean present() {
    try {
      return TerminalFactory.getInstance("PC/SC", null)
          .terminals()
          .getTerminal(READER)
          .isCardPresent();
    } catch (CardException | java.security.NoSuchAlgorithmException | NullPointerException e) {
      return false;
    }
  }

  static boolean waitFor(BooleanSupplier condition, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }
}
