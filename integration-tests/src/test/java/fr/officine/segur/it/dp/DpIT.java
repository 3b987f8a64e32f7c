package fr.officine.segur.it.dp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.Identities;
import fr.officine.segur.it.support.ModuleWar;
import fr.officine.segur.it.support.PreviousModuleGone;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import fr.officine.segur.it.support.SandboxExtension;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Dossier Pharmaceutique end to end: the module in Payara Micro consults the sandbox DP stub at
 * scan (history, alerts, interaction flags) beside the base and TD0.2, and feeds it after each
 * dispensation through the outbox. Both DMP routes run in this one Payara: the deployment carries a
 * config jar setting {@code segur.dmp.route.690100029=via-dp}, so pharmacy A (titulaire) feeds the
 * DMP directly and pharmacy B (confrere) lets the DP forward the document; nothing is changed for
 * the other IT classes. The third send after a dispensation, the secure message to the prescriber
 * (MSSanté, issue 15 §3), is proven here too: same outbox, same Payara, the sandbox's SMTP operator
 * over mutual TLS.
 */
@ExtendWith({SandboxExtension.class, PreviousModuleGone.class, ArquillianExtension.class})
@RunAsClient
class DpIT {
  static final String ADRUN = "275126322074974";
  static final String CORSE = "180032B02040123";
  static final String ECETINSI = "109076322083489";
  static final String NESSI = "110086322083060";
  static final String TCHITCHI = "236066322083656";
  static final String DOLIPRANE = "3400935955838";
  static final String NUROFEN = "3400937582193";
  static final String OMEPRAZOLE = "3400936194557";
  static final Duration FEED_BOUND = Duration.ofSeconds(60);

  @Deployment(testable = false)
  static WebArchive module() {
    JavaArchive routeOfPharmacyB =
        ShrinkWrap.create(JavaArchive.class, "dp-it-route.jar")
            .addAsManifestResource(
                new StringAsset("config_ordinal=150\nsegur.dmp.route.690100029=via-dp\n"),
                "microprofile-config.properties");
    return ModuleWar.fromBuild().addAsLibrary(routeOfPharmacyB);
  }

  @ArquillianResource URL base;

  @AfterEach
  void dpBackUp(SandboxAdmin sandbox) {
    sandbox.fault("dp", "up", 0);
    sandbox.fault("mssante", "up", 0);
  }

  // ------------------------------------------------------------------ MSSanté to the prescriber

  static final String LEFEBVRE_MAILBOX = "anne.lefebvre@medecin.mssante.test";
  static final String MARCHE_MAILBOX = "pharmacie-du-marche@pharmacien.mssante.test";

  @Test
  void a_substitution_goes_to_the_prescriber_by_mssante_once_with_the_document_as_ihe_xdm(
      SandboxAdmin sandbox) throws Exception {
    Counter titulaire = Counter.login(base, "titulaire");
    Identities.qualify(
        titulaire, Identities.ADRUN_ZOE); // the XDM metadata carries the qualified INS
    String id = substituted(titulaire, sandbox);

    Http.Reply accepted = message(titulaire, id, "{\"to\":\"PRESCRIBER\"}");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    String messageId = accepted.json().getString("messageId");
    JsonObject sent = awaitSend(titulaire, id, "MSSANTE", s -> s.getString("state").equals("SENT"));
    assertThat(sent.getString("reason")).contains(LEFEBVRE_MAILBOX);

    JsonObject received = single(receivedFor(sandbox, messageId));
    assertThat(received.getString("from")).isEqualTo(MARCHE_MAILBOX);
    assertThat(received.getString("to")).isEqualTo(LEFEBVRE_MAILBOX);
    assertThat(received.getString("subject")).startsWith("Dispensation modifiée — ordonnance n° ");
    assertThat(received.getString("receivedAt")).isNotBlank();
    assertThat(received.getString("body")).contains("substituée par", "AMOXICILLINE BIOGARAN");
    assertThat(received.getJsonObject("headers").getJsonArray("X-MSS-CODECDA").getString(0))
        .isEqualTo("60593-1");
    assertThat(received.getJsonObject("headers").getJsonArray("X-MSS-INS").getString(0))
        .isEqualTo("O");
    JsonObject zip =
        find(received.getJsonArray("attachments"), a -> a.getString("name").equals("IHE_XDM.ZIP"));
    assertThat(zip.getString("contentType")).isEqualTo("application/zip");
    find(
        received.getJsonArray("attachments"),
        a -> a.getString("contentType").equals("application/pdf"));

    // the XDM package (ITI-32): METADATA.XML parses and its entry names the document, which is in
    // the zip
    Http.Reply bytes = sandbox.get(zip.getString("href"));
    assertThat(bytes.body()).hasSize(zip.getInt("size"));
    java.util.Map<String, byte[]> files = unzip(bytes.body());
    org.w3c.dom.Document metadata = parse(files.get("IHE_XDM/SUBSET01/METADATA.XML"));
    javax.xml.xpath.XPath x = javax.xml.xpath.XPathFactory.newInstance().newXPath();
    String entry = "//*[local-name()='ExtrinsicObject']";
    String uri =
        x.evaluate(
            entry + "/*[local-name()='Slot'][@name='URI']//*[local-name()='Value']", metadata);
    assertThat(files)
        .containsKey("IHE_XDM/SUBSET01/" + uri)
        .containsKeys("INDEX.HTM", "README.TXT");
    assertThat(
            x.evaluate(
                entry
                    + "/*[local-name()='ExternalIdentifier'][@identificationScheme="
                    + "'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab']/@value",
                metadata))
        .isEqualTo(uniqueId(titulaire, id));
    assertThat(
            x.evaluate(
                entry
                    + "/*[local-name()='ExternalIdentifier'][@identificationScheme="
                    + "'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427']/@value",
                metadata))
        .startsWith("2751263220749");

    // a replay (same key, or a second click with another) is the same message: never sent twice
    Http.Reply again = message(titulaire, id, "{\"to\":\"PRESCRIBER\"}");
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().getString("messageId")).isEqualTo(messageId);
    assertThat(again.json().getString("state")).isEqualTo("SENT");
    assertThat(receivedFor(sandbox, messageId)).hasSize(1);
    assertThat(
            ok(titulaire.dispensation(id)).getJsonArray("sends").stream()
                .filter(v -> v.asJsonObject().getString("target").equals("MSSANTE"))
                .count())
        .isEqualTo(1);

    // another pharmacy's dispensation does not exist for it; a message to anybody else is refused
    assertThat(message(Counter.login(base, "confrere"), id, "{\"to\":\"PRESCRIBER\"}").status())
        .isEqualTo(404);
    assertThat(message(titulaire, id, "{\"to\":\"PATIENT\"}").status()).isEqualTo(400);
  }

  @Test
  void mssante_down_keeps_the_message_pending_then_it_leaves_once_when_the_operator_is_back(
      SandboxAdmin sandbox) throws Exception {
    Counter titulaire = Counter.login(base, "titulaire");
    Identities.qualify(titulaire, Identities.ADRUN_ZOE);
    String id = substituted(titulaire, sandbox);
    sandbox.fault("mssante", "down", 0);
    String messageId =
        message(titulaire, id, "{\"to\":\"PRESCRIBER\"}").json().getString("messageId");
    JsonObject pending =
        awaitSend(
            titulaire,
            id,
            "MSSANTE",
            s ->
                s.getInt("attempts") >= 1
                    && s.getString("reason", "").contains("MSSanté injoignable"));
    assertThat(pending.getString("state")).isEqualTo("PENDING");
    assertThat(receivedFor(sandbox, messageId)).isEmpty();

    sandbox.fault("mssante", "up", 0);
    JsonObject sent = awaitSend(titulaire, id, "MSSANTE", s -> s.getString("state").equals("SENT"));
    assertThat(sent.getInt("attempts")).isGreaterThanOrEqualTo(2);
    assertThat(receivedFor(sandbox, messageId)).hasSize(1);
  }

  @Test
  void no_message_to_a_prescriber_without_a_mailbox_and_a_message_waits_for_the_ins_qualification(
      SandboxAdmin sandbox) throws Exception {
    Counter titulaire = Counter.login(base, "titulaire");
    Identities.qualify(titulaire, Identities.ADRUN_ZOE);
    // Dr MOREAU has no MSSanté mailbox in the directory: final, said, nothing sent
    String moreau = substituted(titulaire, sandbox, ADRUN, "10100000065");
    message(titulaire, moreau, "{\"to\":\"PRESCRIBER\"}");
    JsonObject none =
        awaitSend(titulaire, moreau, "MSSANTE", s -> !s.getString("state").equals("PENDING"));
    assertThat(none.getString("state")).isEqualTo("NOT_APPLICABLE");
    assertThat(none.getString("reason")).contains("pas de messagerie sécurisée de santé");

    // CORSE ANTHONY not qualified by this pharmacy: the message waits, the qualification releases
    // it
    Identities.forget("180032B020401");
    String corse = substituted(titulaire, sandbox, CORSE, null);
    String messageId =
        message(titulaire, corse, "{\"to\":\"PRESCRIBER\"}").json().getString("messageId");
    JsonObject waiting =
        awaitSend(titulaire, corse, "MSSANTE", s -> !s.getString("state").equals("PENDING"));
    assertThat(waiting.getString("state")).isEqualTo("NOT_APPLICABLE");
    assertThat(waiting.getString("reason")).contains("INS non qualifié");
    assertThat(receivedFor(sandbox, messageId)).isEmpty();
    Identities.qualify(titulaire, Identities.CORSE_ANTHONY);
    awaitSend(titulaire, corse, "MSSANTE", s -> s.getString("state").equals("SENT"));
    assertThat(receivedFor(sandbox, messageId)).hasSize(1);
  }

  /** ADRUN's DOLIPRANE substituted by a generic pack (2 lines: the second not delivered). */
  private static String substituted(Counter counter, SandboxAdmin sandbox) {
    return substituted(counter, sandbox, ADRUN, null);
  }

  private static String substituted(
      Counter counter, SandboxAdmin sandbox, String ins, String prescriberRpps) {
    String number =
        sandbox.createPrescription(
            ins,
            prescriberRpps,
            null,
            List.of(
                Line.of("3400934998331", "AMOXICILLINE 1 g cp B/6", 1),
                Line.of(NUROFEN, "NUROFEN 400 mg cp enr B/12", 1)));
    JsonArray lines = ok(counter.consult(number)).getJsonArray("lines");
    String amoxicilline =
        find(lines, l -> l.getJsonObject("product").getString("code").equals("3400934998331"))
            .getString("lineId");
    String nurofen =
        find(lines, l -> l.getJsonObject("product").getString("code").equals(NUROFEN))
            .getString("lineId");
    Http.Reply reply =
        counter.dispense(
            number,
            UUID.randomUUID().toString(),
            Dispensations.body()
                .substitute(amoxicilline, 1, "3400936404250", "AMOXICILLINE BIOGARAN 1 g")
                .notDelivered(nurofen, "RUPTURE_STOCK")
                .build());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getString("dispensationId");
  }

  private static Http.Reply message(Counter counter, String id, String body) {
    return counter.send(
        "POST",
        "/dispensations/" + id + "/messages",
        java.util.Map.of("Idempotency-Key", "msg-" + id),
        "application/json",
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** What the prescriber's mailbox holds of this message (its Message-ID carries the messageId). */
  private static List<JsonObject> receivedFor(SandboxAdmin sandbox, String messageId) {
    Http.Reply r = sandbox.get("/sandbox/mssante/messages?to=" + LEFEBVRE_MAILBOX);
    assertThat(r.status()).isEqualTo(200);
    return r.structure().asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(m -> m.getString("messageId").startsWith("<" + messageId + "@"))
        .toList();
  }

  private static JsonObject single(List<JsonObject> messages) {
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private static java.util.Map<String, byte[]> unzip(byte[] zip) throws java.io.IOException {
    java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  private static org.w3c.dom.Document parse(byte[] xml) throws Exception {
    var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
  }

  @Test
  void history_across_pharmacies_and_interaction_flags_are_shown_at_scan(SandboxAdmin sandbox) {
    String number =
        sandbox.createPrescription(
            ADRUN,
            null,
            List.of(
                Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1),
                Line.of(NUROFEN, "NUROFEN 400 mg cp enr B/12", 1)));

    JsonObject dp = ok(Counter.login(base, "titulaire").consult(number)).getJsonObject("dp");

    assertThat(dp.getString("state")).isEqualTo("ACTIVE");
    assertThat(dp.getBoolean("canFeed")).isTrue();
    JsonObject generic =
        find(dp.getJsonArray("history"), h -> h.getString("cip13").equals("3400930000014"));
    assertThat(generic.getString("pharmacyName")).isEqualTo("Pharmacie des Arcades");
    assertThat(generic.getBoolean("otherPharmacy")).isTrue();
    assertThat(generic.getString("lot")).isEqualTo("PB2311A");
    assertThat(generic.getString("atc")).isEqualTo("N02BE01");
    JsonArray flags = dp.getJsonArray("interactions");
    // other tests of this class may have delivered more to ADRUN elsewhere: look for these two
    // flags
    JsonObject molecule =
        find(
            flags,
            f ->
                f.getString("kind").equals("SAME_MOLECULE")
                    && f.getString("deliveredCip13").equals("3400930000014"));
    assertThat(molecule.getString("prescribedCip13")).isEqualTo(DOLIPRANE);
    assertThat(molecule.getString("message"))
        .contains("Même molécule", "N02BE01", "Pharmacie des Arcades");
    JsonObject product =
        find(
            flags,
            f ->
                f.getString("kind").equals("SAME_PRODUCT")
                    && f.getString("prescribedCip13").equals(NUROFEN));
    assertThat(product.getString("pharmacyName")).isEqualTo("Pharmacie des Arcades");
    assertThat(product.getString("message")).contains("Même produit déjà délivré");
  }

  @Test
  void each_dp_status_is_shown_and_a_down_dp_never_fails_the_consult(SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    assertThat(dpState(titulaire, sandbox, CORSE)).isEqualTo("NONE");
    assertThat(dpState(titulaire, sandbox, ECETINSI)).isEqualTo("CLOSED");
    assertThat(dpState(titulaire, sandbox, NESSI)).isEqualTo("ACCESS_REFUSED");
    assertThat(dpState(titulaire, sandbox, TCHITCHI)).isEqualTo("ACTIVE");
    String number =
        sandbox.createPrescription(
            ADRUN, null, List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    assertThat(titulaire.consult(number).json().getJsonObject("dp").getString("state"))
        .isEqualTo("ACTIVE");

    sandbox.fault(
        "dp", "slow", 30_000); // three times the tests' status timeout (integration-tests/pom.xml)
    JsonObject slow = ok(titulaire.consult(number));
    // UNAVAILABLE is the proof that the DP's status timeout bounded the consult: waiting the 5 s
    // would have given ACTIVE (no elapsed-time bound: this machine's load varies)
    assertThat(slow.getJsonObject("dp").getString("state")).isEqualTo("UNAVAILABLE");
    assertThat(slow.getJsonObject("dp").getString("label")).contains("indisponible");
    sandbox.fault("dp", "down", 0);
    assertThat(ok(titulaire.consult(number)).getJsonObject("dp").getString("state"))
        .isEqualTo("UNAVAILABLE");
  }

  @Test
  void a_dispensation_is_recorded_in_the_dp_once_and_refusals_are_shown_with_their_reason(
      SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    String id = dispense(titulaire, sandbox, ADRUN, DOLIPRANE, "DOLIPRANE 1000 mg cp B/8");
    JsonObject dpSend = awaitSend(titulaire, id, "DP", s -> s.getString("state").equals("SENT"));
    assertThat(dpSend.getString("reason")).contains("inscrite au Dossier Pharmaceutique");
    assertThat(heldByDp(sandbox, ADRUN, id)).isEqualTo(1);

    String refused =
        dispense(
            titulaire,
            sandbox,
            TCHITCHI,
            OMEPRAZOLE,
            "OMEPRAZOLE ZYDUS 20 mg gél gastrorésist B/28");
    JsonObject refusal =
        awaitSend(titulaire, refused, "DP", s -> !s.getString("state").equals("PENDING"));
    assertThat(refusal.getString("state")).isEqualTo("REFUSED");
    assertThat(refusal.getString("reason")).contains("refusé", "OMEPRAZOLE");
    assertThat(heldByDp(sandbox, TCHITCHI, refused)).isZero();

    String noAccess = dispense(titulaire, sandbox, NESSI, DOLIPRANE, "DOLIPRANE 1000 mg cp B/8");
    JsonObject notApplicable =
        awaitSend(titulaire, noAccess, "DP", s -> !s.getString("state").equals("PENDING"));
    assertThat(notApplicable.getString("state")).isEqualTo("NOT_APPLICABLE");
    assertThat(notApplicable.getString("reason")).contains("refusé l'accès");
  }

  @Test
  void dp_down_keeps_the_send_pending_then_delivers_it_once_when_the_dp_is_back(
      SandboxAdmin sandbox) throws Exception {
    Counter titulaire = Counter.login(base, "titulaire");
    sandbox.fault("dp", "down", 0);
    String id = dispense(titulaire, sandbox, ADRUN, DOLIPRANE, "DOLIPRANE 1000 mg cp B/8");
    // a failed attempt is settled with its reason (an attempt merely claimed has none yet)
    JsonObject pending =
        awaitSend(
            titulaire,
            id,
            "DP",
            s -> s.getInt("attempts") >= 1 && s.containsKey("reason") && !s.isNull("reason"));
    assertThat(pending.getString("state")).isEqualTo("PENDING");
    assertThat(pending.getString("reason")).contains("indisponible");
    assertThat(heldByDp(sandbox, ADRUN, id)).isZero();

    sandbox.fault("dp", "up", 0);
    JsonObject sent = awaitSend(titulaire, id, "DP", s -> s.getString("state").equals("SENT"));
    assertThat(sent.getInt("attempts")).isGreaterThanOrEqualTo(2);
    assertThat(heldByDp(sandbox, ADRUN, id)).isEqualTo(1);
  }

  @Test
  void both_dmp_routes_end_with_exactly_one_document_in_the_patient_dmp(SandboxAdmin sandbox) {
    // route direct (pharmacy A): the module sends ITI-41, the DP only records
    Counter titulaire = Counter.login(base, "titulaire");
    Identities.qualify(titulaire, Identities.ADRUN_ZOE); // only a qualified INS goes to the DMP
    String direct = dispense(titulaire, sandbox, ADRUN, DOLIPRANE, "DOLIPRANE 1000 mg cp B/8");
    assertThat(
            awaitSend(titulaire, direct, "DMP", s -> !s.getString("state").equals("PENDING"))
                .getString("state"))
        .isEqualTo("SENT");
    awaitSend(titulaire, direct, "DP", s -> s.getString("state").equals("SENT"));
    assertThat(inDmp(sandbox, ADRUN, uniqueId(titulaire, direct))).isEqualTo(1);

    // route via-dp (pharmacy B): the module does not send; the DP forwards the same document
    Counter confrere = Counter.login(base, "confrere");
    Identities.qualify(confrere, Identities.ADRUN_ZOE); // each pharmacy qualifies for itself (RNIV)
    String viaDp = dispense(confrere, sandbox, ADRUN, DOLIPRANE, "DOLIPRANE 1000 mg cp B/8");
    JsonObject dmpSend =
        awaitSend(confrere, viaDp, "DMP", s -> !s.getString("state").equals("PENDING"));
    assertThat(dmpSend.getString("state")).isEqualTo("NOT_APPLICABLE");
    assertThat(dmpSend.getString("reason"))
        .contains("Transmis au DMP par le Dossier Pharmaceutique");
    JsonObject dpSend = awaitSend(confrere, viaDp, "DP", s -> s.getString("state").equals("SENT"));
    assertThat(dpSend.getString("reason")).contains("transmis au DMP par le DP");
    assertThat(inDmp(sandbox, ADRUN, uniqueId(confrere, viaDp))).isEqualTo(1);
    assertThat(awaitSend(confrere, viaDp, "DMP", s -> true).getString("state"))
        .isEqualTo("NOT_APPLICABLE");
  }

  @Test
  void via_dp_when_the_dp_cannot_carry_the_document_the_module_sends_it_to_the_dmp_itself(
      SandboxAdmin sandbox) {
    // TCHITCHI refused OMEPRAZOLE in her DP: the DP records nothing and forwards nothing, so the
    // DMP send left to the DP is reopened and the module feeds the DMP (pharmacy B is not blocked)
    Counter confrere = Counter.login(base, "confrere");
    Identities.qualify(confrere, Identities.TCHITCHI_CATARINA);
    String id =
        dispense(
            confrere,
            sandbox,
            TCHITCHI,
            OMEPRAZOLE,
            "OMEPRAZOLE ZYDUS 20 mg gél gastrorésist B/28");

    assertThat(
            awaitSend(confrere, id, "DP", s -> !s.getString("state").equals("PENDING"))
                .getString("state"))
        .isEqualTo("REFUSED");
    JsonObject dmpSend = awaitSend(confrere, id, "DMP", s -> s.getString("state").equals("SENT"));
    assertThat(dmpSend.getString("reason")).contains("DMP");
    assertThat(inDmp(sandbox, TCHITCHI, uniqueId(confrere, id))).isEqualTo(1);
  }

  // ------------------------------------------------ safety signals on the line (issue 10 §3)

  static final String KARDEGIC = "3400933216146";
  static final String SKENAN = "3400934661211";
  static final String SKENAN_LABEL = "SKENAN LP 30 mg gél B/14";

  @Test
  void
      a_lot_recall_is_on_its_line_and_blocks_recording_until_acknowledged_and_the_acknowledgement_is_audited(
          SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    String number =
        sandbox.createPrescription(
            ADRUN,
            null,
            List.of(
                Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1),
                Line.of(KARDEGIC, "KARDEGIC 75 mg pdre sol buv sach B/30", 1)));
    JsonObject line = ok(titulaire.consult(number)).getJsonArray("lines").getJsonObject(1);
    JsonObject recall =
        find(line.getJsonArray("alerts"), a -> a.getString("kind").equals("LOT_RECALL"));
    assertThat(recall.getBoolean("acknowledgementRequired")).isTrue();
    assertThat(recall.getString("message")).contains("K75-2409");

    Http.Reply refused =
        titulaire.dispense(
            number,
            UUID.randomUUID().toString(),
            Dispensations.body().deliver("L1", 1).deliver("L2", 1).build());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().getString("code")).isEqualTo("LOT_RECALL_NOT_ACKNOWLEDGED");
    assertThat(refused.json().getString("lineId")).isEqualTo("L2");
    assertThat(
            ok(titulaire.consult(number))
                .getJsonArray("lines")
                .getJsonObject(1)
                .getInt("deliveredQuantity"))
        .as("nothing recorded")
        .isZero();

    Http.Reply recorded =
        titulaire.dispense(
            number,
            UUID.randomUUID().toString(),
            Dispensations.body()
                .deliver("L1", 1)
                .deliver("L2", 1)
                .acknowledge("L2", "LOT_RECALL")
                .build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    assertThat(recorded.json().getJsonNumber("localNumber").longValue())
        .as("a short pharmacy number")
        .isPositive();
    Http.Reply audit = titulaire.send("GET", "/audit?ins=" + ADRUN, java.util.Map.of(), null, null);
    assertThat(audit.status()).isEqualTo(200);
    assertThat(
            audit.structure().asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .filter(
                    a ->
                        a.getString("action").equals("SAFETY_ACKNOWLEDGE")
                            && number.equals(a.getString("prescriptionNumber", null)))
                .map(a -> a.getString("target"))
                .toList())
        .containsExactly("L2 LOT_RECALL");
  }

  @Test
  void a_delivery_of_the_same_prescription_by_another_pharmacy_is_not_flagged_as_already_delivered(
      SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    String number =
        sandbox.createPrescription(
            ADRUN, null, List.of(Line.of(NUROFEN, "NUROFEN 400 mg cp enr B/12", 3)));
    Http.Reply first =
        titulaire.dispense(
            number, UUID.randomUUID().toString(), Dispensations.body().deliver("L1", 1).build());
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    String id = first.json().getString("dispensationId");
    awaitSend(titulaire, id, "DP", s -> s.getString("state").equals("SENT"));

    // pharmacy B opens the same prescription: pharmacy A's delivery is in the DP, but it is this
    // prescription's own (shown in "déjà délivré"), not a duplicate to ask the patient about
    JsonObject view = ok(Counter.login(base, "confrere").consult(number));
    assertThat(
            view.getJsonObject("dp").getJsonArray("interactions").stream()
                .map(JsonValue::asJsonObject)
                .filter(i -> id.equals(i.getString("dispensationId", null)))
                .toList())
        .isEmpty();
    assertThat(
            view.getJsonArray("lines").getJsonObject(0).getJsonArray("alerts").stream()
                .map(JsonValue::asJsonObject)
                .filter(a -> a.getString("message").contains("Pharmacie du Marché"))
                .toList())
        .isEmpty();
  }

  @Test
  void a_narcotic_is_recorded_only_with_the_secure_prescription_checked(SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    String number =
        sandbox.createPrescription(
            CORSE, null, List.of(Line.narcotic(SKENAN, SKENAN_LABEL, 1, 7, null)));
    JsonObject line = ok(titulaire.consult(number)).getJsonArray("lines").getJsonObject(0);
    assertThat(
            find(
                    line.getJsonArray("alerts"),
                    a -> a.getString("kind").equals("SECURE_PRESCRIPTION"))
                .getString("acknowledgement"))
        .isEqualTo("Ordonnance sécurisée papier vérifiée");
    Http.Reply refused =
        titulaire.dispense(
            number, UUID.randomUUID().toString(), Dispensations.body().deliver("L1", 1).build());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().getString("code")).isEqualTo("SECURE_PRESCRIPTION_NOT_CHECKED");
    assertThat(
            titulaire
                .dispense(
                    number,
                    UUID.randomUUID().toString(),
                    Dispensations.body()
                        .deliver("L1", 1)
                        .acknowledge("L1", "SECURE_PRESCRIPTION")
                        .build())
                .status())
        .isEqualTo(201);
  }

  @Test
  void a_fractionated_narcotic_is_delivered_one_fraction_at_a_time_R5132_30(SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    String number =
        sandbox.createPrescription(
            CORSE, null, List.of(Line.narcotic(SKENAN, SKENAN_LABEL, 4, 28, 7)));
    JsonObject line = ok(titulaire.consult(number)).getJsonArray("lines").getJsonObject(0);
    assertThat(line.getInt("deliverableNow"))
        .as("one fraction of 7 days out of 28 = 1 box of 4")
        .isEqualTo(1);
    assertThat(line.getInt("fractionDays")).isEqualTo(7);
    Http.Reply two =
        titulaire.dispense(
            number,
            UUID.randomUUID().toString(),
            Dispensations.body().deliver("L1", 2).acknowledge("L1", "SECURE_PRESCRIPTION").build());
    assertThat(two.status()).as(two.toString()).isEqualTo(409);
    assertThat(two.json().getString("code")).isEqualTo("NARCOTIC_FRACTION_EXCEEDED");
    assertThat(two.json().getString("detail")).contains("fraction 1 sur 4");
    JsonObject one =
        Dispensations.body().deliver("L1", 1).acknowledge("L1", "SECURE_PRESCRIPTION").build();
    assertThat(titulaire.dispense(number, UUID.randomUUID().toString(), one).status())
        .isEqualTo(201);
    // the same again today: the next fraction is not due before its day
    Http.Reply again = titulaire.dispense(number, UUID.randomUUID().toString(), one);
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.json().getString("detail")).contains("fraction 2 sur 4", "à partir du");
    assertThat(
            ok(titulaire.consult(number))
                .getJsonArray("lines")
                .getJsonObject(0)
                .getInt("deliverableNow"))
        .isZero();
  }

  @Test
  void
      a_narcotic_presented_more_than_3_days_after_it_was_written_is_delivered_for_the_days_left_R5132_33(
          SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    String number =
        sandbox.createPrescription(
            CORSE,
            java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(10),
            List.of(Line.narcotic(SKENAN, SKENAN_LABEL, 2, 14, null)));
    JsonObject line = ok(titulaire.consult(number)).getJsonArray("lines").getJsonObject(0);
    assertThat(line.getInt("deliverableNow")).as("4 days of 14 left: 1 box of 2").isEqualTo(1);
    Http.Reply two =
        titulaire.dispense(
            number,
            UUID.randomUUID().toString(),
            Dispensations.body().deliver("L1", 2).acknowledge("L1", "SECURE_PRESCRIPTION").build());
    assertThat(two.status()).as(two.toString()).isEqualTo(409);
    assertThat(two.json().getString("code")).isEqualTo("NARCOTIC_LATE_PRESENTATION");
    assertThat(two.json().getString("detail")).contains("10 jours", "4 jours");
  }

  @Test
  void a_narcotic_overlapping_a_previous_delivery_needs_the_prescriber_express_mention_R5132_33(
      SandboxAdmin sandbox) {
    // the DP seeds 1 box of SKENAN delivered to ADRUN ZOE 3 days ago by Pharmacie des Arcades
    Counter titulaire = Counter.login(base, "titulaire");
    String number =
        sandbox.createPrescription(
            ADRUN, null, List.of(Line.narcotic(SKENAN, SKENAN_LABEL, 2, 14, null)));
    JsonObject line = ok(titulaire.consult(number)).getJsonArray("lines").getJsonObject(0);
    JsonObject overlap =
        find(line.getJsonArray("alerts"), a -> a.getString("kind").equals("NARCOTIC_OVERLAP"));
    assertThat(overlap.getString("label")).isEqualTo("Chevauchement");
    assertThat(overlap.getString("message"))
        .contains("R.5132-33", "Pharmacie des Arcades", "mention expresse");
    JsonObject checkedOnly =
        Dispensations.body().deliver("L1", 2).acknowledge("L1", "SECURE_PRESCRIPTION").build();
    Http.Reply refused = titulaire.dispense(number, UUID.randomUUID().toString(), checkedOnly);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().getString("code")).isEqualTo("NARCOTIC_OVERLAP_NOT_ACKNOWLEDGED");
    JsonObject both =
        Dispensations.body()
            .deliver("L1", 2)
            .acknowledge("L1", "SECURE_PRESCRIPTION")
            .acknowledge("L1", "NARCOTIC_OVERLAP")
            .build();
    assertThat(titulaire.dispense(number, UUID.randomUUID().toString(), both).status())
        .isEqualTo(201);
  }

  // ------------------------------------------------------------------ helpers

  private static JsonObject ok(Http.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private static JsonObject find(JsonArray array, Predicate<JsonObject> p) {
    return array.stream()
        .map(JsonValue::asJsonObject)
        .filter(p)
        .findFirst()
        .orElseThrow(() -> new AssertionError("not found in " + array));
  }

  private static String dpState(Counter counter, SandboxAdmin sandbox, String ins) {
    String number =
        sandbox.createPrescription(
            ins, null, List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    return ok(counter.consult(number)).getJsonObject("dp").getString("state");
  }

  /** One box of {@code cip13} for {@code ins}, recorded; returns the dispensation id. */
  private static String dispense(
      Counter counter, SandboxAdmin sandbox, String ins, String cip13, String label) {
    String number = sandbox.createPrescription(ins, null, List.of(Line.of(cip13, label, 1)));
    String lineId =
        ok(counter.consult(number)).getJsonArray("lines").getJsonObject(0).getString("lineId");
    Http.Reply reply =
        counter.dispense(
            number, UUID.randomUUID().toString(), Dispensations.body().deliver(lineId, 1).build());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getString("dispensationId");
  }

  /** Polls the dispensation (bounded) until its send to {@code target} satisfies {@code done}. */
  private static JsonObject awaitSend(
      Counter counter, String id, String target, Predicate<JsonObject> done) {
    long until = System.nanoTime() + FEED_BOUND.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < until) {
      JsonObject d = ok(counter.dispensation(id));
      last = find(d.getJsonArray("sends"), s -> s.getString("target").equals(target));
      if (done.test(last)) {
        return last;
      }
      sleep(300);
    }
    throw new AssertionError(
        target + " send of " + id + " not as expected within " + FEED_BOUND + ": " + last);
  }

  private static long heldByDp(SandboxAdmin sandbox, String ins, String dispensationId) {
    Http.Reply r = sandbox.get("/sandbox/dp/dispensations?ins=" + ins);
    assertThat(r.status()).isEqualTo(200);
    return r.structure().asJsonArray().stream()
        .filter(v -> v.asJsonObject().getString("dispensationId").equals(dispensationId))
        .count();
  }

  private static long inDmp(SandboxAdmin sandbox, String ins, String uniqueId) {
    Http.Reply r = sandbox.get("/sandbox/dmp/documents?ins=" + ins);
    assertThat(r.status()).isEqualTo(200);
    return r.structure().asJsonArray().stream()
        .filter(v -> v.asJsonObject().getString("uniqueId").equals(uniqueId))
        .count();
  }

  /** The document's uniqueId = the CDA's ClinicalDocument/id/@root, read from the module. */
  private static String uniqueId(Counter counter, String dispensationId) {
    Http.Reply xml =
        counter.send(
            "GET",
            "/dispensations/" + dispensationId + "/document.xml",
            java.util.Map.of(),
            null,
            null);
    assertThat(xml.status()).isEqualTo(200);
    Matcher m =
        Pattern.compile("<ClinicalDocument[^>]*>.*?<id root=\"([^\"]+)\"", Pattern.DOTALL)
            .matcher(xml.text());
    assertThat(m.find()).as("CDA id").isTrue();
    return m.group(1);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
