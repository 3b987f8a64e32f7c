package fr.officine.segur.it.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.it.support.Azerty;
import fr.officine.segur.it.support.BoxCodes;
import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.InstalledCertificates;
import fr.officine.segur.it.support.PreviousModuleGone;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import fr.officine.segur.it.support.SandboxExtension;
import fr.officine.segur.scan.BoxPictures;
import fr.officine.segur.scan.QrPictures;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The counter flow end to end (issue 2), scan and consult: the module's WAR in Payara Micro, the
 * sandbox's e-prescription base on a real loopback port, two pharmacies. What the counter scans
 * (the prescription's QR code typed by a douchette, AZERTY or not, or sent as damaged or hostile
 * pictures; the box's GS1 DataMatrix, issue 15 §2), the prescription consulted (unknown, malformed,
 * expired) and the product reference.
 *
 * <p>Also the platform's smoke checks (formerly CoreSmokeIT, merged to save one Payara boot): the
 * WAR boots (H2 file database, Flyway, sandbox seed, JAX-RS, CDI filters, Metro client), sessions
 * and bearer tokens work, every error is problem+json. Every call to the sandbox goes over mutual
 * TLS with the pharmacy's certificate (as in every IT); here also the module's own https port, and
 * a revoked or expired certificate.
 */
@ExtendWith({SandboxExtension.class, PreviousModuleGone.class, ArquillianExtension.class})
@RunAsClient
class CounterFlowScanIT extends CounterFlowFixtures {
  @Deployment(testable = false)
  static WebArchive module() {
    return recoveryLaterModule();
  }

  @Test
  void product_reference_finds_packs_by_words_or_code_and_lists_the_generic_group() {
    Http.Reply byWords =
        titulaire.send(
            "GET",
            "/products?q="
                + java.net.URLEncoder.encode("oméprazole GÉLULE", StandardCharsets.UTF_8),
            Map.of(),
            null,
            null);
    assertThat(byWords.status()).as(byWords.toString()).isEqualTo(200);
    assertThat(byWords.body().length).isPositive();
    var found =
        jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(byWords.body()))
            .readArray();
    assertThat(found).hasSize(2);
    assertThat(found.getJsonObject(0).getString("label"))
        .contains("OMEPRAZOLE", "gélule gastro-résistante");

    Http.Reply byCip = titulaire.send("GET", "/products?q=" + DOLIPRANE, Map.of(), null, null);
    var doliprane =
        jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(byCip.body()))
            .readArray()
            .getJsonObject(0);
    assertThat(doliprane.getString("cis")).isEqualTo("61000101");
    assertThat(doliprane.getBoolean("princeps")).isTrue();

    Http.Reply substitutes =
        titulaire.send("GET", "/products/" + DOLIPRANE + "/substitutes", Map.of(), null, null);
    JsonObject group = ok(substitutes);
    assertThat(group.getJsonObject("genericGroup").getString("label"))
        .startsWith("PARACETAMOL 1000 mg - DOLIPRANE");
    assertThat(group.getJsonArray("substitutes").getValuesAs(JsonObject.class))
        .extracting(p -> p.getString("cip13"))
        .containsExactlyInAnyOrder("3400930000007", "3400930000014");

    assertProblem(
        titulaire.send("GET", "/products/3400935955839/substitutes", Map.of(), null, null),
        422,
        "INVALID_IDENTIFIER");
  }

  @Test
  void a_prescription_not_started_within_three_months_is_expired() {
    String number =
        sandbox.createPrescription(
            LocalDate.now().minusMonths(4),
            List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    JsonObject prescription = ok(titulaire.consult(number));
    assertThat(prescription.getString("status")).isEqualTo("EXPIRED");

    Http.Reply reply =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body().deliver(lineId(prescription, DOLIPRANE), 1).build());

    assertProblem(reply, 409, "PRESCRIPTION_EXPIRED");
  }

  @Test
  void unknown_and_malformed_numbers_get_their_own_problems() {
    assertProblem(titulaire.consult("ZZZZZZZZZZZZZZZZZ9"), 404, "PRESCRIPTION_NOT_FOUND");
    Http.Reply malformed = titulaire.consult("not-a-number");
    assertThat(malformed.status()).isEqualTo(422);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertProblem(titulaire.scanText("<script>alert(1)</script>"), 422, "SCAN_NOT_A_PRESCRIPTION");
  }

  @Test
  void every_call_needs_an_authenticated_professional() {
    Http.Reply anonymous =
        new Http()
            .send(
                "GET",
                java.net.URI.create(base + "api/v1/prescriptions/01S2TBPZ2JCNZZYGHZ"),
                Map.of(),
                null,
                null);
    assertProblem(anonymous, 401, "UNAUTHENTICATED");
    Http.Reply forged =
        new Http()
            .send(
                "GET",
                java.net.URI.create(base + "api/v1/prescriptions/01S2TBPZ2JCNZZYGHZ"),
                Map.of("Authorization", "Bearer " + UUID.randomUUID()),
                null,
                null);
    assertProblem(forged, 401, "UNAUTHENTICATED");
    Http.Reply wrongPassword = Counter.openSession(base + "api/v1", "titulaire", "nope");
    assertProblem(wrongPassword, 401, "BAD_CREDENTIALS");
  }

  @Test
  void the_sandbox_qr_code_is_read_from_damaged_pictures() {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    // The module's own set of damages (one source with the scan unit tests), applied to the code
    // the sandbox's prescriber tool printed.
    Map<String, QrPictures.Picture> pictures =
        QrPictures.damagedPictures(QrPictures.read(sandbox.qrPng(number)));

    pictures.forEach(
        (what, picture) -> {
          Http.Reply reply = titulaire.scanImage(picture.bytes(), picture.mediaType());
          assertThat(reply.status()).as(what + ": " + reply).isEqualTo(200);
          assertThat(reply.json().getString("prescriptionNumber")).as(what).isEqualTo(number);
        });
  }

  @Test
  void hostile_pictures_are_refused_with_a_clear_problem() {
    assertProblem(
        titulaire.scanImage(QrPictures.decompressionBomb(20_000, 20_000), "image/png"),
        413,
        "IMAGE_TOO_LARGE");
    assertProblem(
        titulaire.scanImage("not an image".getBytes(StandardCharsets.UTF_8), "image/png"),
        422,
        "SCAN_UNREADABLE");
    BufferedImage blank = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
    assertProblem(
        titulaire.scanImage(QrPictures.png(blank).bytes(), "image/png"), 422, "SCAN_UNREADABLE");
  }

  @Test
  void a_douchette_typing_on_an_azerty_layout_still_gives_the_number() {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    Http.Reply reply = titulaire.scanText(Azerty.typedByQwertyScanner(number) + "\n");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().getString("prescriptionNumber")).isEqualTo(number);
  }

  // ---------------------------------------------------------------- platform (was CoreSmokeIT)

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
        http.send(
            "DELETE",
            URI.create(api() + "/sessions/current"),
            Map.of("Authorization", bearer),
            null,
            null);
    assertThat(out.status()).isEqualTo(204);
    assertCatalogueProblem(
        get("/sessions/current", Map.of("Authorization", bearer)), 401, "UNAUTHENTICATED");
  }

  @Test
  void without_a_token_every_call_is_401_with_the_bearer_challenge() {
    Http.Reply anonymous = get("/prescriptions/01S2TBPZ2JCNZZYGHZ", Map.of());
    assertCatalogueProblem(anonymous, 401, "UNAUTHENTICATED");
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    assertCatalogueProblem(
        get("/dispensations/" + UUID.randomUUID(), Map.of()), 401, "UNAUTHENTICATED");
    assertCatalogueProblem(
        Counter.openSession(api(), "titulaire", "wrong"), 401, "BAD_CREDENTIALS");
    assertCatalogueProblem(Counter.openSession(api(), "nobody", "nobody"), 401, "BAD_CREDENTIALS");
  }

  @Test
  void every_error_is_a_problem_of_the_catalogue() {
    Counter titulaire = Counter.login(base, "titulaire");
    assertCatalogueProblem(
        http.send(
            "POST",
            URI.create(api() + "/sessions"),
            Map.of(),
            "application/json",
            "{\"login\": ".getBytes(StandardCharsets.UTF_8)),
        400,
        "MALFORMED_REQUEST");
    assertCatalogueProblem(
        titulaire.send("GET", "/no-such-thing", Map.of(), null, null), 404, "NOT_FOUND");
    assertCatalogueProblem(
        titulaire.send("PUT", "/sessions", Map.of(), "application/json", new byte[] {'{', '}'}),
        405,
        "METHOD_NOT_ALLOWED");
    assertCatalogueProblem(titulaire.consult("01S2TBPZ2JCNZZYGH"), 422, "INVALID_IDENTIFIER");
    assertCatalogueProblem(
        titulaire.dispense(
            "01S2TBPZ2JCNZZYGHZ", null, Dispensations.body().deliver("L1", 1).build()),
        400,
        "IDEMPOTENCY_KEY_REQUIRED");
    assertCatalogueProblem(
        titulaire.dispense(
            "01S2TBPZ2JCNZZYGHZ", "k-" + UUID.randomUUID(), Dispensations.body().build()),
        400,
        "MALFORMED_REQUEST");
    assertCatalogueProblem(
        titulaire.dispensation(UUID.randomUUID().toString()), 404, "DISPENSATION_NOT_FOUND");
  }

  @Test
  void a_prescription_is_consulted_and_partly_dispensed_through_the_module(SandboxAdmin sandbox) {
    sandbox.fault("eprescription", "up", 0);
    Counter titulaire = Counter.login(base, "titulaire");
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));

    Http.Reply consulted = titulaire.consult(number);
    assertThat(consulted.status()).as(consulted.toString()).isEqualTo(200);
    assertThat(consulted.json().getString("status")).isEqualTo("OPEN");
    String lineId = consulted.json().getJsonArray("lines").getJsonObject(0).getString("lineId");

    Http.Reply recorded =
        titulaire.dispense(
            number, UUID.randomUUID().toString(), Dispensations.body().deliver(lineId, 1).build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    JsonObject dispensation = recorded.json();
    assertThat(dispensation.getString("status")).isEqualTo("RECORDED");
    assertThat(dispensation.getString("prescriptionStatus")).isEqualTo("PARTIAL");
    assertThat(dispensation.getJsonArray("lines").getJsonObject(0).getString("completenessCode"))
        .isEqualTo("FFP");
    assertThat(dispensation.getJsonArray("lines").getJsonObject(0).getInt("remainingQuantity"))
        .isEqualTo(2);
    JsonObject send = dispensation.getJsonArray("sends").getJsonObject(0);
    assertThat(send.getString("target")).isEqualTo("EPRESCRIPTION");
    assertThat(send.getString("state")).isEqualTo("SENT");
    assertThat(recorded.header("Location"))
        .endsWith("/api/v1/dispensations/" + dispensation.getString("dispensationId"));

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
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    sandbox.fault("eprescription", "down", 0);
    try {
      assertCatalogueProblem(titulaire.consult(number), 503, "EPRESCRIPTION_UNAVAILABLE");
    } finally {
      sandbox.fault("eprescription", "up", 0);
    }
    assertThat(titulaire.consult(number).status()).isEqualTo(200);
  }

  Http.Reply get(String path, Map<String, String> headers) {
    return http.send("GET", URI.create(api() + path), headers, null, null);
  }

  /**
   * The module's https port answers with the certificate generated for it, and only that one is
   * trusted here.
   */
  @Test
  void the_module_api_answers_over_https_with_its_generated_certificate() throws Exception {
    Http https = new Http(trustingOnlyTheModulesCertificate());
    String path = base.getPath().replaceAll("/$", "") + "/api/v1";
    int port = Integer.getInteger("module.tls.port");

    Http.Reply opened =
        https.send(
            "POST",
            URI.create("https://localhost:" + port + path + "/sessions"),
            Map.of(),
            "application/json",
            "{\"login\":\"titulaire\",\"password\":\"titulaire\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    String bearer = "Bearer " + opened.json().getString("token");
    // the certificate names 127.0.0.1 too (hostname verification stays on)
    Http.Reply me =
        https.send(
            "GET",
            URI.create("https://127.0.0.1:" + port + path + "/sessions/current"),
            Map.of("Authorization", bearer),
            null,
            null);
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.json().getJsonObject("professional").getString("lastName")).isEqualTo("MARTIN");
    // a client with the JDK's default trust store does not know this self-made certificate
    assertThatThrownBy(
            () ->
                http.send(
                    "GET",
                    URI.create("https://localhost:" + port + path + "/sessions/current"),
                    Map.of(),
                    null,
                    null))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(SSLHandshakeException.class);
  }

  /**
   * A pharmacy whose installed organisation certificate is revoked (in the sandbox's CRL) or
   * expired gets a French problem at consult, well before the read timeout: the sandbox refuses the
   * handshake, the module tells why, and the base's light at the counter turns red with that reason
   * (nothing can be called with that certificate). Its issued certificate back, the consult works
   * again and the light is green.
   */
  @Test
  void a_revoked_or_expired_organisation_certificate_is_a_french_problem_at_consult_not_a_wait(
      InstalledCertificates certificates) {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    try {
      certificates.installInstead("690100029", "revoked.p12");
      Http.Reply revoked = confrere.consult(number);
      assertCatalogueProblem(revoked, 502, "ORGANISATION_CERTIFICATE_INVALID");
      assertThat(revoked.json().getString("title"))
          .startsWith("Certificat de l'organisation refusé");
      assertThat(revoked.json().getString("detail"))
          .contains("a refusé le certificat de l'organisation");
      // not a wait: a read timeout would be 503 EPRESCRIPTION_UNAVAILABLE, not this 502 (no
      // elapsed-time bound, a loaded machine may be slow to hand-shake)
      assertBaseLightRedForTheCertificate(number, "a refusé le certificat de l'organisation");

      certificates.installInstead("690100029", "expired.p12");
      Http.Reply expired = confrere.consult(number);
      assertCatalogueProblem(expired, 502, "ORGANISATION_CERTIFICATE_INVALID");
      assertThat(expired.json().getString("detail"))
          .contains("pharmacy-690100029.p12", "n'est valide que du");
      assertBaseLightRedForTheCertificate(number, "n'est valide que du");
    } finally {
      certificates.restore("690100029");
    }
    Http.Reply again = confrere.consult(number);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    // green again (amber if that consult was slow under load): no longer down
    assertThat(baseLight().getString("state")).isIn("UP", "DEGRADED");
  }

  /**
   * The base's light right after a consult refused for the confrère's certificate. The background
   * probe (every 30 s, with the first installed pharmacy's valid certificate) may land in between
   * and turn it green: then one more consult, at most twice.
   */
  private void assertBaseLightRedForTheCertificate(String number, String detail) {
    JsonObject light = baseLight();
    for (int i = 0; i < 2 && !"DOWN".equals(light.getString("state")); i++) {
      confrere.consult(number);
      light = baseLight();
    }
    assertThat(light.getString("state")).as(light.toString()).isEqualTo("DOWN");
    assertThat(light.getString("lastFailureReason"))
        .startsWith("Certificat de la pharmacie refusé ou absent : ")
        .contains(detail);
  }

  private JsonObject baseLight() {
    Http.Reply reply = confrere.send("GET", "/health/services", Map.of(), null, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("services").getValuesAs(JsonObject.class).stream()
        .filter(s -> "EPRESCRIPTION".equals(s.getString("service")))
        .findFirst()
        .orElseThrow();
  }

  static SSLContext trustingOnlyTheModulesCertificate() throws Exception {
    char[] password = System.getProperty("module.tls.password").toCharArray();
    KeyStore keystore = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        Files.newInputStream(Path.of(System.getProperty("module.tls.keystore")))) {
      keystore.load(in, password);
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("module", keystore.getCertificate("module-tls"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** A problem of the catalogue, with the request's path as its instance. */
  static void assertCatalogueProblem(Http.Reply reply, int status, String code) {
    assertProblem(reply, status, code);
    assertThat(reply.json().getString("instance")).contains("/api/v1/");
  }

  // --- the box's GS1 DataMatrix scanned into the same field (issue 15 §2)

  @Test
  void a_box_datamatrix_is_recognised_as_douchette_text_azerty_or_not_and_as_a_picture() {
    LocalDate expiry = LocalDate.now().plusYears(1);
    String code = BoxCodes.elementString(DOLIPRANE, expiry, "D1000X9", "SN0042AB");

    for (Http.Reply reply :
        List.of(
            titulaire.scanText("]d2" + code + "\r\n"),
            // a US-QWERTY douchette on the counter's AZERTY keyboard: digits come as &é"'(-è_çà
            titulaire.scanText(Azerty.typedByQwertyScanner(code)),
            titulaire.scanText(code.replace(BoxCodes.GS, "<GS>")),
            titulaire.scanImage(
                QrPictures.png(BoxPictures.gs1DataMatrix(code, 6)).bytes(), "image/png"),
            titulaire.scanImage(
                QrPictures.jpeg(QrPictures.rotate(BoxPictures.gs1DataMatrix(code, 8), 90), 0.6f)
                    .bytes(),
                "image/jpeg"))) {
      JsonObject box = ok(reply);
      assertThat(box.getString("kind")).as(reply.toString()).isEqualTo("MEDICINE_BOX");
      assertThat(box.getString("cip13")).isEqualTo(DOLIPRANE);
      assertThat(box.getString("expiry")).isEqualTo(expiry.toString());
      assertThat(box.getString("lot")).isEqualTo("D1000X9");
      assertThat(box.getString("serial")).isEqualTo("SN0042AB");
      assertThat(box.containsKey("prescriptionNumber")).isFalse();
    }
    // Day 00 of GS1 is the month's last day.
    assertThat(ok(titulaire.scanText("01" + "0" + DOLIPRANE + "17270200")).getString("expiry"))
        .isEqualTo("2027-02-28");
    // The prescription's answer is unchanged: no box field.
    JsonObject prescription = ok(titulaire.scanText("01S2TBPZ2JCNZZYGHZ"));
    assertThat(prescription.keySet()).containsExactlyInAnyOrder("kind", "prescriptionNumber");
  }

  @Test
  void hostile_or_broken_box_codes_get_a_french_refusal_saying_what_is_wrong() {
    String gtin = "0" + DOLIPRANE;
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("0103400935955839" + "17270531", "clé de contrôle GTIN fausse");
    codes.put("01" + gtin + "17271340", "date impossible");
    codes.put("01" + gtin + "10" + "L".repeat(25), "20 au plus");
    codes.put("01" + gtin + "10L\u00071", "Caractère de contrôle");
    codes.put("01" + gtin + "99SECRET", "inconnu");
    codes.put("01" + gtin + "10" + "A".repeat(10 * 1024), "moins de 100 caractères");
    for (Map.Entry<String, String> c : codes.entrySet()) {
      Http.Reply reply = titulaire.scanText(c.getKey());
      assertProblem(reply, 422, "BOX_CODE_INVALID");
      assertThat(reply.json().getString("title"))
          .startsWith("Code DataMatrix de la boîte invalide");
      assertThat(reply.json().getString("detail")).contains(c.getValue());
    }
  }
}
