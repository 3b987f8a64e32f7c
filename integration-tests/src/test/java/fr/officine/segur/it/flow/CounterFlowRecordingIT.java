package fr.officine.segur.it.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.LgoClient;
import fr.officine.segur.it.support.PreviousModuleGone;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import fr.officine.segur.it.support.SandboxExtension;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The counter flow end to end (issue 2), recording a dispensation: what remains after a partial
 * delivery, seen by a colleague of another pharmacy who completes it; substitution, reasons for not
 * delivering and handwritten lines; lines unknown to the base kept for reconciliation; the box's
 * lot and expiry; the Idempotency-Key; counters delivering at once never over-deliver; the base
 * down or its answer lost (NOT_RECORDED at once, IN_DOUBT until a pharmacist checks or cancels it,
 * issue 10 §1).
 */
@ExtendWith({SandboxExtension.class, PreviousModuleGone.class, ArquillianExtension.class})
@RunAsClient
class CounterFlowRecordingIT extends CounterFlowFixtures {
  @Deployment(testable = false)
  static WebArchive module() {
    return recoveryLaterModule();
  }

  @Test
  void colleague_sees_what_remains_completes_it_and_then_nobody_can_deliver_again() {
    String number =
        sandbox.createPrescription(
            List.of(
                Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3),
                Line.of(AMOXICILLINE, "AMOXICILLINE 1 g cp B/6", 2)));

    Http.Reply scan = titulaire.scanText(number + "\r\n");
    assertThat(scan.status()).as(scan.toString()).isEqualTo(200);
    assertThat(scan.json().getString("kind")).isEqualTo("E_PRESCRIPTION");
    assertThat(scan.json().getString("prescriptionNumber")).isEqualTo(number);

    JsonObject before = ok(titulaire.consult(number));
    assertThat(before.getString("status")).isEqualTo("OPEN");
    String paracetamol = lineId(before, DOLIPRANE);
    String amoxicilline = lineId(before, AMOXICILLINE);
    assertThat(line(before, paracetamol).getInt("remainingQuantity")).isEqualTo(3);

    Http.Reply first =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body().deliver(paracetamol, 1).deliver(amoxicilline, 2).build());
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().getString("status")).isEqualTo("RECORDED");
    assertThat(first.header("Location")).contains("/api/v1/dispensations/");

    JsonObject seenByColleague = ok(confrere.consult(number));
    assertThat(seenByColleague.getString("status")).isEqualTo("PARTIAL");
    JsonObject line = line(seenByColleague, paracetamol);
    assertThat(line.getInt("deliveredQuantity")).isEqualTo(1);
    assertThat(line.getInt("remainingQuantity")).isEqualTo(2);
    JsonObject delivery = line.getJsonArray("deliveries").getJsonObject(0);
    assertThat(delivery.getString("pharmacyFiness")).isEqualTo("690100011");
    assertThat(delivery.getString("pharmacyName")).isEqualTo("Pharmacie du Marché");
    assertThat(delivery.getBoolean("ownPharmacy")).isFalse();
    assertThat(delivery.getString("completenessCode")).isEqualTo("FFP");
    assertThat(line(seenByColleague, amoxicilline).getInt("remainingQuantity")).isZero();

    Http.Reply completion =
        confrere.dispense(number, key(), Dispensations.body().deliver(paracetamol, 2).build());
    assertThat(completion.status()).as(completion.toString()).isEqualTo(201);
    assertThat(ok(titulaire.consult(number)).getString("status")).isEqualTo("COMPLETE");
    assertThat(
            line(ok(confrere.consult(number)), paracetamol)
                .getJsonArray("deliveries")
                .getJsonObject(1)
                .getString("completenessCode"))
        .isEqualTo("RFC");

    Http.Reply third =
        titulaire.dispense(number, key(), Dispensations.body().deliver(paracetamol, 1).build());
    assertProblem(third, 409, "PRESCRIPTION_CLOSED");
  }

  @Test
  void lpp_line_unknown_to_the_base_is_not_sent_to_it_and_is_kept_for_reconciliation() {
    String number =
        sandbox.createPrescription(
            List.of(
                Line.lpp(LUBRICANT_LPP, LUBRICANT, 2),
                Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    JsonObject rx = ok(titulaire.consult(number));
    JsonObject lpp = line(rx, lineId(rx, LUBRICANT_LPP));
    String lppLine = lpp.getString("lineId");
    String doliprane = lineId(rx, DOLIPRANE);
    assertThat(lpp.getJsonArray("flags").getString(0)).isEqualTo("UNKNOWN_PRODUCT");
    assertThat(lpp.getJsonObject("product").getString("codeSystem"))
        .isEqualTo("1.2.250.1.215.200.2.1");
    assertThat(line(rx, doliprane).getJsonArray("flags")).isEmpty();

    // Sent as an ordinary line, the base refuses it (EP_PRODUIT_INCONNU): one precise problem.
    Http.Reply refused =
        titulaire.dispense(number, key(), Dispensations.body().deliver(lppLine, 1).build());
    assertProblem(refused, 409, "UNKNOWN_PRODUCT_LINE");
    assertThat(refused.json().getString("lineId")).isEqualTo(lppLine);

    // Delivered as "produit inconnu de la base" in the same recording as DOLIPRANE.
    Http.Reply recorded =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body().deliver(doliprane, 1).unknownProduct(lppLine, 2).build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    JsonObject kept = recorded.json().getJsonArray("unknownProductLines").getJsonObject(0);
    assertThat(kept.getString("productCode")).isEqualTo(LUBRICANT_LPP);
    assertThat(kept.getString("label")).isEqualTo(LUBRICANT);
    assertThat(kept.getInt("quantity")).isEqualTo(2);
    assertThat(kept.getString("state")).isEqualTo("PENDING_RECONCILIATION");
    assertThat(kept.getString("deliveredBy")).isEqualTo("Claire MARTIN");

    // The base never got it, but the module holds it: another pharmacy of the instance sees it as
    // it sees the base's deliveries (issue 11 §17).
    JsonObject elsewhere = line(ok(confrere.consult(number)), lppLine);
    assertThat(elsewhere.getInt("deliveredQuantity")).isEqualTo(2);
    assertThat(elsewhere.getJsonArray("deliveries").getJsonObject(0).getBoolean("ownPharmacy"))
        .isFalse();
    assertThat(line(ok(confrere.consult(number)), doliprane).getInt("deliveredQuantity"))
        .isEqualTo(1);
    // This pharmacy's view counts it, and the module refuses to deliver it twice.
    JsonObject here = line(ok(titulaire.consult(number)), lppLine);
    assertThat(here.getInt("deliveredQuantity")).isEqualTo(2);
    assertThat(here.getInt("remainingQuantity")).isZero();
    assertThat(here.getJsonArray("deliveries").getJsonObject(0).getBoolean("ownPharmacy")).isTrue();
    assertProblem(
        titulaire.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 1).build()),
        409,
        "OVER_DELIVERY");
    assertProblem(
        titulaire.dispense(
            number, key(), Dispensations.body().unknownProduct(doliprane, 1).build()),
        400,
        "MALFORMED_REQUEST");

    // Listed for reconciliation (this pharmacy only), resolved once whatever the replays.
    String id = kept.getString("id");
    JsonObject pending =
        ok(titulaire.send("GET", "/reconciliations?state=PENDING", Map.of(), null, null));
    assertThat(pending.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("id"))
        .contains(id);
    assertThat(pending.getString("label")).endsWith("à régulariser");
    assertThat(
            ok(confrere.send("GET", "/reconciliations?state=PENDING", Map.of(), null, null))
                .getJsonArray("items")
                .getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("id"))
        .doesNotContain(id);
    byte[] note =
        "{\"note\":\"Facturé sur feuille de soins papier n° 42\"}".getBytes(StandardCharsets.UTF_8);
    Http.Reply first =
        titulaire.send(
            "POST", "/reconciliations/" + id + "/resolution", Map.of(), "application/json", note);
    JsonObject resolved = ok(first);
    assertThat(resolved.getString("state")).isEqualTo("RESOLVED");
    assertThat(resolved.getString("resolvedBy")).isEqualTo("Claire MARTIN");
    byte[] other = "{\"note\":\"autre note\"}".getBytes(StandardCharsets.UTF_8);
    JsonObject again =
        ok(
            Counter.login(base, "adjoint")
                .send(
                    "POST",
                    "/reconciliations/" + id + "/resolution",
                    Map.of(),
                    "application/json",
                    other));
    assertThat(again.getString("resolutionNote"))
        .as("idempotent: the first resolution stays")
        .isEqualTo("Facturé sur feuille de soins papier n° 42");
    assertThat(again.getString("resolvedAt")).isEqualTo(resolved.getString("resolvedAt"));
    assertThat(
            ok(titulaire.send("GET", "/reconciliations?state=PENDING", Map.of(), null, null))
                .getJsonArray("items")
                .getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("id"))
        .doesNotContain(id);
    assertThat(
            ok(titulaire.send("GET", "/reconciliations?state=RESOLVED", Map.of(), null, null))
                .getJsonArray("items")
                .getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("id"))
        .contains(id);
    assertProblem(
        Counter.login(base, "preparateur")
            .send(
                "POST",
                "/reconciliations/" + id + "/resolution",
                Map.of(),
                "application/json",
                note),
        403,
        "FORBIDDEN");
    assertProblem(
        titulaire.send(
            "POST",
            "/reconciliations/" + UUID.randomUUID() + "/resolution",
            Map.of(),
            "application/json",
            note),
        404,
        "RECONCILIATION_NOT_FOUND");
  }

  @Test
  void a_dispensation_of_only_a_line_unknown_to_the_base_sends_nothing_to_the_base() {
    String number = sandbox.createPrescription(List.of(Line.lpp(LUBRICANT_LPP, LUBRICANT, 1)));
    String lppLine = lineId(ok(titulaire.consult(number)), LUBRICANT_LPP);
    Http.Reply recorded =
        titulaire.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 1).build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    assertThat(recorded.json().getString("status")).isEqualTo("RECORDED");
    JsonObject send =
        recorded.json().getJsonArray("sends").getValuesAs(JsonObject.class).stream()
            .filter(s -> s.getString("target").equals("EPRESCRIPTION"))
            .findFirst()
            .orElseThrow();
    assertThat(send.getString("state")).isEqualTo("NOT_APPLICABLE");
    assertThat(line(ok(confrere.consult(number)), lppLine).getInt("deliveredQuantity"))
        .isEqualTo(1);
  }

  @Test
  void
      a_line_unknown_to_the_base_counts_every_pharmacys_deliveries_so_a_confrere_cannot_over_deliver_it() {
    // Issue 11 §17: A delivered 1 of 2 boxes; B read the same prescription and delivered 2. The
    // module is the only record of such deliveries: every pharmacy's count for the line.
    String number = sandbox.createPrescription(List.of(Line.lpp(LUBRICANT_LPP, LUBRICANT, 2)));
    String lppLine = lineId(ok(titulaire.consult(number)), LUBRICANT_LPP);
    Http.Reply byA =
        titulaire.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 1).build());
    assertThat(byA.status()).as(byA.toString()).isEqualTo(201);

    JsonObject seenByB = line(ok(confrere.consult(number)), lppLine);
    assertThat(seenByB.getInt("deliveredQuantity")).isEqualTo(1);
    assertThat(seenByB.getInt("remainingQuantity")).isEqualTo(1);
    JsonObject fromA = seenByB.getJsonArray("deliveries").getJsonObject(0);
    assertThat(fromA.getString("pharmacyName")).isEqualTo("Pharmacie du Marché");
    assertThat(fromA.getString("pharmacyFiness")).isEqualTo("690100011");
    assertThat(fromA.getBoolean("ownPharmacy")).isFalse();
    assertThat(fromA.getInt("quantity")).isEqualTo(1);
    assertThat(fromA.getString("date")).isNotBlank();

    assertProblem(
        confrere.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 2).build()),
        409,
        "OVER_DELIVERY");
    Http.Reply byB =
        confrere.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 1).build());
    assertThat(byB.status()).as(byB.toString()).isEqualTo(201);
    assertProblem(
        titulaire.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 1).build()),
        409,
        "OVER_DELIVERY");

    JsonObject seenByA = line(ok(titulaire.consult(number)), lppLine);
    assertThat(seenByA.getInt("deliveredQuantity")).isEqualTo(2);
    assertThat(seenByA.getInt("remainingQuantity")).isZero();
    assertThat(seenByA.getJsonArray("deliveries").getValuesAs(JsonObject.class))
        .extracting(
            d ->
                d.getString("pharmacyName")
                    + "/"
                    + d.getBoolean("ownPharmacy")
                    + "/"
                    + d.getInt("quantity"))
        .containsExactly("Pharmacie du Marché/true/1", "Pharmacie des Arcades/false/1");
  }

  /** Through the client generated from the OpenAPI document, as an LGO calls it (issue 16 §2). */
  @Test
  void replaying_the_same_idempotency_key_returns_the_first_answer_and_records_nothing_twice()
      throws Exception {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 4)));
    LgoClient lgo = LgoClient.login(base, "titulaire");
    String lineId = lineId(lgo.prescriptions().consultPrescription(number, null), DOLIPRANE);
    String key = key();
    fr.officine.segur.lgo.model.DispensationRequest one = deliver(lineId, 1);

    fr.officine.segur.lgo.ApiResponse<fr.officine.segur.lgo.model.DispensationView> first =
        lgo.dispensations().recordDispensationWithHttpInfo(number, key, one);
    fr.officine.segur.lgo.ApiResponse<fr.officine.segur.lgo.model.DispensationView> replay =
        lgo.dispensations().recordDispensationWithHttpInfo(number, key, one);

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(replay.getStatusCode()).isEqualTo(201);
    assertThat(replay.getData().getDispensationId()).isEqualTo(first.getData().getDispensationId());
    assertThat(
            line(lgo.prescriptions().consultPrescription(number, null), lineId)
                .getDeliveredQuantity())
        .isEqualTo(1);

    fr.officine.segur.lgo.ApiException otherBody =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () -> lgo.dispensations().recordDispensation(number, key, deliver(lineId, 2)));
    assertThat(otherBody.getCode()).isEqualTo(422);
    assertThat(lgo.problem(otherBody).getCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

    // The generated client refuses to send without the key the document requires; by hand, the
    // server too.
    assertThatThrownBy(() -> lgo.dispensations().recordDispensation(number, null, one))
        .isInstanceOf(fr.officine.segur.lgo.ApiException.class)
        .hasMessageContaining("idempotencyKey");
    assertProblem(
        titulaire.dispense(number, null, Dispensations.body().deliver(lineId, 1).build()),
        400,
        "IDEMPOTENCY_KEY_REQUIRED");

    UUID id = UUID.fromString(first.getData().getDispensationId());
    assertThat(lgo.dispensations().getDispensation(id, null).getPrescriptionNumber())
        .isEqualTo(number);
    fr.officine.segur.lgo.ApiException elsewhere =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () -> LgoClient.login(base, "confrere").dispensations().getDispensation(id, null));
    assertThat(elsewhere.getCode())
        .as("another pharmacy's dispensation is not visible")
        .isEqualTo(404);
  }

  /** Through the generated client: the problem names the line at fault. */
  @Test
  void delivering_more_than_remains_is_refused_with_the_line_at_fault() throws Exception {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 2)));
    LgoClient lgo = LgoClient.login(base, "titulaire");
    String lineId = lineId(lgo.prescriptions().consultPrescription(number, null), DOLIPRANE);

    fr.officine.segur.lgo.ApiException refused =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () -> lgo.dispensations().recordDispensation(number, key(), deliver(lineId, 3)));

    assertThat(refused.getCode()).isEqualTo(409);
    fr.officine.segur.lgo.model.Problem problem = lgo.problem(refused);
    assertThat(problem.getCode()).isEqualTo("OVER_DELIVERY");
    assertThat(problem.getLineId()).isEqualTo(lineId);
    assertThat(
            line(lgo.prescriptions().consultPrescription(number, null), lineId)
                .getDeliveredQuantity())
        .isZero();
  }

  @Test
  void two_counters_delivering_the_same_prescription_at_once_never_over_deliver() throws Exception {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));
    String lineId = lineId(ok(titulaire.consult(number)), DOLIPRANE);
    Counter adjoint = Counter.login(base, "adjoint");
    List<Integer> statuses =
        atOnce(
            List.of(titulaire, adjoint, confrere, titulaire, adjoint, confrere),
            counter ->
                counter.dispense(number, key(), Dispensations.body().deliver(lineId, 2).build()));
    assertThat(statuses).filteredOn(s -> s == 201).as(statuses.toString()).hasSize(1);
    assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 409);
    assertThat(line(ok(titulaire.consult(number)), lineId).getInt("deliveredQuantity"))
        .isEqualTo(2);
  }

  @Test
  void
      six_counters_of_two_pharmacies_delivering_a_line_unknown_to_the_base_at_once_never_over_deliver()
          throws Exception {
    // The base cannot arbitrate this line (it refuses the product): the module must, for every
    // pharmacy it serves (they all read the same prescription, issue 11 §17).
    String number = sandbox.createPrescription(List.of(Line.lpp(LUBRICANT_LPP, LUBRICANT, 2)));
    String lppLine = lineId(ok(titulaire.consult(number)), LUBRICANT_LPP);
    Counter adjoint = Counter.login(base, "adjoint");
    List<Integer> statuses =
        atOnce(
            List.of(titulaire, confrere, adjoint, confrere, titulaire, confrere),
            counter ->
                counter.dispense(
                    number, key(), Dispensations.body().unknownProduct(lppLine, 1).build()));
    assertThat(statuses).filteredOn(s -> s == 201).as(statuses.toString()).hasSize(2);
    assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 409);
    assertThat(line(ok(titulaire.consult(number)), lppLine).getInt("deliveredQuantity"))
        .isEqualTo(2);
  }

  /** Each counter makes its call at the same instant (one thread each); the statuses, in order. */
  private static List<Integer> atOnce(
      List<Counter> counters, java.util.function.Function<Counter, Http.Reply> call)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(counters.size());
    try {
      List<Future<Http.Reply>> replies = new ArrayList<>();
      for (Counter counter : counters) {
        Callable<Http.Reply> task =
            () -> {
              start.await();
              return call.apply(counter);
            };
        replies.add(pool.submit(task));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Http.Reply> reply : replies) {
        statuses.add(reply.get().status());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void substitution_not_delivered_reason_and_handwritten_lines_are_recorded_in_the_base() {
    String number =
        sandbox.createPrescription(
            List.of(
                Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 2),
                new Line(AMOXICILLINE, "AMOXICILLINE 1 g cp B/6", 1, 0, false, false)));
    JsonObject prescription = ok(titulaire.consult(number));
    String paracetamol = lineId(prescription, DOLIPRANE);
    String amoxicilline = lineId(prescription, AMOXICILLINE);

    Http.Reply forbidden =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body()
                .substitute(amoxicilline, 1, "3400936404250", "AMOXICILLINE BIOGARAN 1 g")
                .build());
    assertProblem(forbidden, 409, "SUBSTITUTION_FORBIDDEN");

    Http.Reply recorded =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body()
                .substitute(paracetamol, 2, "3400930000007", "PARACETAMOL BIOGARAN 1 g cp B/8")
                .notDelivered(amoxicilline, "RUPTURE_STOCK")
                .handwritten("3400933989491", "SERUM PHYSIOLOGIQUE unidoses B/40", 1)
                .build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);

    JsonObject after = ok(confrere.consult(number));
    JsonObject substituted = line(after, paracetamol).getJsonArray("deliveries").getJsonObject(0);
    assertThat(substituted.getJsonObject("deliveredProduct").getString("code"))
        .isEqualTo("3400930000007");
    JsonObject refused = line(after, amoxicilline).getJsonArray("deliveries").getJsonObject(0);
    assertThat(refused.getString("notDeliveredReason")).isEqualTo("RUPTURE_STOCK");
    assertThat(line(after, amoxicilline).getInt("remainingQuantity")).isEqualTo(1);
    assertThat(after.getJsonArray("lines").getValuesAs(JsonObject.class))
        .anySatisfy(
            l -> {
              assertThat(l.getBoolean("handwritten")).isTrue();
              assertThat(l.getJsonObject("product").getString("label")).contains("SERUM");
            });
  }

  /**
   * Issue 10 §1: the base down (the sandbox's front answers 503 without SOAP), the request never
   * reached it: NOT_RECORDED at once, final (the same key gets the same answer), the dispensation
   * says so; a new request once the base is back delivers once.
   */
  @Test
  void
      when_the_base_is_down_the_dispensation_is_not_recorded_at_once_and_a_new_request_delivers_once() {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 2)));
    String lineId = lineId(ok(titulaire.consult(number)), DOLIPRANE);
    String key = key();
    JsonObject body = Dispensations.body().deliver(lineId, 1).build();

    sandbox.fault("eprescription", "down", 0);
    Http.Reply whileDown = titulaire.dispense(number, key, body);
    assertProblem(whileDown, 503, "DISPENSATION_NOT_RECORDED");
    assertThat(whileDown.json().getString("title")).startsWith("Délivrance NON enregistrée");
    assertThat(whileDown.json().getString("dispensationStatus")).isEqualTo("NOT_RECORDED");
    String id = whileDown.json().getString("dispensationId");
    assertThat(whileDown.header("Location")).endsWith("/api/v1/dispensations/" + id);
    assertThat(ok(titulaire.dispensation(id)).getString("status")).isEqualTo("NOT_RECORDED");
    assertProblem(titulaire.consult(number), 503, "EPRESCRIPTION_UNAVAILABLE");

    sandbox.fault("eprescription", "up", 0);
    Http.Reply replay = titulaire.dispense(number, key, body);
    assertThat(replay.status()).as("final: the same key, the same answer").isEqualTo(503);
    assertThat(replay.json().getString("dispensationId")).isEqualTo(id);
    assertThat(line(ok(titulaire.consult(number)), lineId).getInt("deliveredQuantity")).isZero();
    Http.Reply retried = titulaire.dispense(number, key(), body);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    assertThat(line(ok(titulaire.consult(number)), lineId).getInt("deliveredQuantity"))
        .isEqualTo(1);
  }

  /**
   * Issue 10 §1: an answer lost after the base recorded it (sandbox mode lost-answer), and one lost
   * with the request (lost-request): both IN_DOUBT, in the pharmacy's list (not another
   * pharmacy's); the pharmacist checks (the base has the first, not the second), cannot cancel the
   * first (recorded), cancels the second; préparateur may not settle. Nothing delivered twice.
   */
  @Test
  void an_answer_lost_leaves_it_in_doubt_until_a_pharmacist_checks_or_cancels_it()
      throws Exception {
    // through the generated client: the 503 is read as the document's DispensationProblem
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));
    LgoClient lgo = LgoClient.login(base, "titulaire");
    String lineId = lineId(lgo.prescriptions().consultPrescription(number, null), DOLIPRANE);
    fr.officine.segur.lgo.model.DispensationRequest one = deliver(lineId, 1);
    fr.officine.segur.lgo.ApiException recordedLost;
    fr.officine.segur.lgo.ApiException neverRecorded;
    sandbox.fault("eprescription", "lost-answer", 0);
    try {
      recordedLost =
          assertThrows(
              fr.officine.segur.lgo.ApiException.class,
              () -> lgo.dispensations().recordDispensation(number, key(), one));
      sandbox.fault("eprescription", "lost-request", 0);
      neverRecorded =
          assertThrows(
              fr.officine.segur.lgo.ApiException.class,
              () -> lgo.dispensations().recordDispensation(number, key(), one));
    } finally {
      sandbox.fault("eprescription", "up", 0);
    }
    List<String> ids = new ArrayList<>();
    for (fr.officine.segur.lgo.ApiException lost : List.of(recordedLost, neverRecorded)) {
      assertThat(lost.getCode()).isEqualTo(503);
      fr.officine.segur.lgo.model.DispensationProblem problem =
          lgo.problem(lost, fr.officine.segur.lgo.model.DispensationProblem.class);
      assertThat(problem.getCode()).isEqualTo("DISPENSATION_IN_DOUBT");
      assertThat(problem.getDispensationStatus()).isEqualTo("IN_DOUBT");
      ids.add(problem.getDispensationId());
    }
    UUID recordedId = UUID.fromString(ids.get(0));
    UUID neverId = UUID.fromString(ids.get(1));
    assertThat(lgo.dispensations().getDispensation(recordedId, null).getStatus())
        .isEqualTo("IN_DOUBT");

    LgoClient adjoint = LgoClient.login(base, "adjoint");
    assertThat(inDoubtIds(adjoint)).contains(ids.get(0), ids.get(1));
    assertThat(inDoubtIds(LgoClient.login(base, "confrere")))
        .doesNotContain(ids.get(0), ids.get(1));

    assertThat(settle(lgo, neverId, "CHECK").getStatus())
        .as("the base does not have it: still in doubt")
        .isEqualTo("IN_DOUBT");
    LgoClient preparateur = LgoClient.login(base, "preparateur");
    fr.officine.segur.lgo.ApiException forbidden =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class, () -> settle(preparateur, neverId, "CANCEL"));
    assertThat(forbidden.getCode()).isEqualTo(403);
    assertThat(preparateur.problem(forbidden).getCode()).isEqualTo("FORBIDDEN");
    fr.officine.segur.lgo.model.DispensationView cancelled = settle(lgo, neverId, "CANCEL");
    assertThat(cancelled.getStatus()).isEqualTo("NOT_RECORDED");
    assertThat(cancelled.getSettledBy()).isEqualTo("Claire MARTIN");
    assertThat(cancelled.getSettledAt()).isNotNull();
    assertThat(settle(lgo, neverId, "CANCEL").getStatus())
        .as("idempotent")
        .isEqualTo("NOT_RECORDED");

    fr.officine.segur.lgo.ApiException recordedByBase =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class, () -> settle(adjoint, recordedId, "CANCEL"));
    assertThat(recordedByBase.getCode()).isEqualTo(409);
    assertThat(adjoint.problem(recordedByBase).getCode())
        .isEqualTo("DISPENSATION_RECORDED_BY_BASE");
    fr.officine.segur.lgo.model.DispensationView recorded =
        lgo.dispensations().getDispensation(recordedId, null);
    assertThat(recorded.getStatus()).isEqualTo("RECORDED");
    assertThat(recorded.getSettledBy()).isEqualTo("Julien DUBOIS");
    assertThat(inDoubtIds(adjoint)).doesNotContain(ids.get(0), ids.get(1));
    assertThat(
            line(lgo.prescriptions().consultPrescription(number, null), lineId)
                .getDeliveredQuantity())
        .as("delivered once")
        .isEqualTo(1);
  }

  private static fr.officine.segur.lgo.model.DispensationView settle(
      LgoClient lgo, UUID id, String action) throws fr.officine.segur.lgo.ApiException {
    return lgo.dispensations()
        .settleDispensation(
            id,
            new fr.officine.segur.lgo.model.SettlementRequest()
                .action(
                    fr.officine.segur.lgo.model.SettlementRequest.ActionEnum.fromValue(action)));
  }

  /**
   * Every page of the pharmacy's in-doubt dispensations (the list pages by its Link rel="next").
   */
  private static List<String> inDoubtIds(LgoClient lgo) throws fr.officine.segur.lgo.ApiException {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      fr.officine.segur.lgo.ApiResponse<List<fr.officine.segur.lgo.model.DispensationView>> page =
          lgo.dispensations().listDispensationsByStatusWithHttpInfo("IN_DOUBT", null, cursor, null);
      page.getData().forEach(d -> ids.add(d.getDispensationId()));
      cursor = LgoClient.nextCursor(page).orElse(null);
    } while (cursor != null);
    return ids;
  }

  /** A dispensation request of one line, as the generated client builds it. */
  private static fr.officine.segur.lgo.model.DispensationRequest deliver(
      String lineId, int quantity) {
    return new fr.officine.segur.lgo.model.DispensationRequest()
        .addLinesItem(
            new fr.officine.segur.lgo.model.LineRequest().lineId(lineId).quantity(quantity));
  }

  private static String lineId(
      fr.officine.segur.lgo.model.PrescriptionView prescription, String cip13) {
    return prescription.getLines().stream()
        .filter(l -> cip13.equals(l.getProduct().getCode()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + cip13))
        .getLineId();
  }

  private static fr.officine.segur.lgo.model.LineView line(
      fr.officine.segur.lgo.model.PrescriptionView prescription, String lineId) {
    return prescription.getLines().stream()
        .filter(l -> lineId.equals(l.getLineId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + lineId));
  }

  static final String KARDEGIC = "3400933216146";

  /**
   * TCHITCHI CATARINA: active DP (sandbox DpSeeds), which carries the KARDEGIC lot K75-2409 recall.
   */
  static final String TCHITCHI = "236066322083656";

  @Test
  void
      the_box_lot_and_expiry_are_recorded_with_the_line_an_expired_box_and_a_recalled_lot_refused() {
    String number =
        sandbox.createPrescription(
            TCHITCHI,
            LocalDate.now(),
            List.of(Line.of(KARDEGIC, "KARDEGIC 75 mg pdre sol buv sach B/30", 3)));
    JsonObject prescription = ok(titulaire.consult(number));
    String line = lineId(prescription, KARDEGIC);
    assertThat(prescription.getJsonObject("dp").getJsonArray("alerts").toString())
        .as("the DP's recall reached the module with the consultation")
        .contains("K75-2409");

    Http.Reply recalled =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body().deliverBox(line, 1, "K75-2409", "2027-05-31", "SN1").build());
    assertProblem(recalled, 409, "BOX_LOT_RECALLED");
    assertThat(recalled.json().getString("lineId")).isEqualTo(line);
    assertThat(recalled.json().getString("detail")).contains("Rappel du lot K75-2409");

    String yesterday = LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(1).toString();
    Http.Reply expired =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body().deliverBox(line, 1, "K75-2501", yesterday, "SN2").build());
    assertProblem(expired, 422, "BOX_EXPIRED");
    assertThat(ok(titulaire.consult(number)).toString())
        .as("nothing delivered")
        .doesNotContain("\"deliveredQuantity\":1");

    String expiry = LocalDate.now().plusMonths(10).toString();
    // another lot of the recalled product: delivered once the pharmacist has read the recall on the
    // line (issue 10 §3: a recall blocks the line until acknowledged, whatever the box's lot)
    Http.Reply recorded =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body()
                .deliverBox(line, 1, "K75-2501", expiry, "SN3")
                .acknowledge(line, "LOT_RECALL")
                .build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    JsonObject stored =
        ok(titulaire.dispensation(recorded.json().getString("dispensationId")))
            .getJsonArray("lines")
            .getJsonObject(0);
    assertThat(stored.getString("lot")).isEqualTo("K75-2501");
    assertThat(stored.getString("expiry")).isEqualTo(expiry);
    assertThat(stored.getString("serial")).isEqualTo("SN3");
  }
}
