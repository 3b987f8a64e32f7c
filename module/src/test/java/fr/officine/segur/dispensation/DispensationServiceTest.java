package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.LineRequest;
import fr.officine.segur.api.event.EventType;
import fr.officine.segur.api.event.EventView;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.dispensation.IdempotencyStore.StoredAnswer;
import fr.officine.segur.event.EventLog;
import fr.officine.segur.http.JsonCodec;
import fr.officine.segur.prescription.SoapEPrescriptionBase;
import fr.officine.segur.prescription.soap.StatutPrescription;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.testing.FakeEPrescriptionBase;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dispensation flow on a real H2 (the production migrations) and a real SOAP base on a loopback
 * port: idempotency, the two transactions around the call, recovery of unknown outcomes.
 */
class DispensationServiceTest {
  static final String PATH = "/api/v1/prescriptions/x/dispensations";

  static FakeEPrescriptionBase fake;
  static String baseUrl;
  static Database db;
  static DispensationStore store;
  static IdempotencyStore keys;

  /**
   * The counter's way in: the Idempotency-Key and the answer stored under it, over {@link
   * #dispensations}.
   */
  static IdempotentDispensations service;

  static DispensationService dispensations;
  static InDoubtSettlement settlement;
  static Account titulaire;
  static Account confrere;

  @BeforeAll
  static void setUp() throws Exception {
    fake = new FakeEPrescriptionBase();
    baseUrl = fake.start();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:dispensation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    db = new Database(h2);
    Accounts accounts = new Accounts(db);
    new SandboxSeed(accounts, new PasswordHasher(), "sandbox").seed();
    titulaire = accounts.find("titulaire").orElseThrow();
    confrere = accounts.find("confrere").orElseThrow();
    store = new DispensationStore(db);
    keys = new IdempotencyStore(db);
    // generous: only the tests of a lost answer use a short read timeout (with the base holding
    // its answer on a latch); a loaded machine must not turn an ordinary answer into a time-out
    var base = SoapEPrescriptionBase.at(baseUrl + "/eprescription", 1000, 60_000);
    dispensations = new DispensationService(store, base);
    settlement = new InDoubtSettlement(store, base);
    service = counter(dispensations);
  }

  static IdempotentDispensations serviceWithReadTimeout(int ms) {
    return counter(
        new DispensationService(
            store, SoapEPrescriptionBase.at(baseUrl + "/eprescription", 1000, ms)));
  }

  static IdempotentDispensations counter(DispensationService dispensations) {
    return new IdempotentDispensations(
        dispensations, new DispensationReads(store), keys, new JsonCodec());
  }

  @AfterAll
  static void tearDown() {
    fake.stop();
  }

  @Test
  void a_replay_with_the_same_key_returns_the_first_answer_verbatim_and_records_nothing_twice() {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    int before = fake.recordedExecutions.get();

    StoredAnswer first =
        service.dispense(num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);
    StoredAnswer replay =
        service.dispense(num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);

    assertThat(first.status()).isEqualTo(201);
    assertThat(replay).isEqualTo(first);
    assertThat(fake.recordedExecutions.get() - before).isEqualTo(1);
    Dispensation stored = store.find(first.dispensationId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(DispensationStatus.RECORDED);
    assertThat(stored.lines().get(0).accepted()).contains(new Dispensation.Accepted(1, "FFP", 2));
    assertThat(first.body()).contains("\"status\":\"RECORDED\"").contains("\"state\":\"SENT\"");
    assertThat(events(first.dispensationId()))
        .as("one change, one event, whatever the replays")
        .extracting(EventView::type)
        .containsExactly(EventType.DISPENSATION_RECORDED);
    assertThat(events(first.dispensationId()).get(0).data().prescriptionNumber()).isEqualTo(number);
  }

  @Test
  void the_same_key_for_another_request_is_refused() {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    service.dispense(num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);

    assertProblem(
        () ->
            service.dispense(
                num(number), key, deliver("L1", 2), titulaire, AuthMode.INDIRECTE, PATH),
        ProblemType.IDEMPOTENCY_KEY_REUSED);
  }

  @Test
  void keys_are_per_pharmacy_so_two_pharmacies_may_use_the_same_key() {
    String number = prescription(3);
    String key = "shared-" + UUID.randomUUID();

    StoredAnswer a =
        service.dispense(num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);
    StoredAnswer b =
        service.dispense(num(number), key, deliver("L1", 1), confrere, AuthMode.INDIRECTE, PATH);

    assertThat(a.status()).isEqualTo(201);
    assertThat(b.status()).isEqualTo(201);
    assertThat(b.dispensationId()).isNotEqualTo(a.dispensationId());
  }

  @Test
  void a_key_still_in_progress_answers_request_in_progress() {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    DispensationRequest body = deliver("L1", 1);
    keys.claim(
        "690100011",
        key,
        DispensationRequests.fingerprint(num(number), body),
        DispensationId.newId());

    assertProblem(
        () -> service.dispense(num(number), key, body, titulaire, AuthMode.INDIRECTE, PATH),
        ProblemType.REQUEST_IN_PROGRESS);
  }

  @Test
  void a_double_click_from_eight_threads_sends_one_execution() throws Exception {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    int before = fake.executionCalls.get();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger inProgress = new AtomicInteger();
    List<Future<StoredAnswer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return service.dispense(
                        num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);
                  } catch (ProblemException e) {
                    assertThat(e.type()).isEqualTo(ProblemType.REQUEST_IN_PROGRESS);
                    inProgress.incrementAndGet();
                    return null;
                  }
                }));
      }
      start.countDown();
      List<StoredAnswer> created = new ArrayList<>();
      for (Future<StoredAnswer> f : answers) {
        StoredAnswer a = f.get();
        if (a != null) {
          created.add(a);
        }
      }
      assertThat(created).isNotEmpty().allMatch(a -> a.equals(created.get(0)));
      assertThat(created.size() + inProgress.get()).isEqualTo(8);
    } finally {
      pool.shutdownNow();
    }
    assertThat(fake.executionCalls.get() - before).isEqualTo(1);
  }

  @Test
  void a_refusal_of_the_base_is_stored_and_replayed_as_the_same_problem() {
    String number = prescription(2);
    String key = UUID.randomUUID().toString();

    StoredAnswer refused =
        service.dispense(num(number), key, deliver("L1", 3), titulaire, AuthMode.INDIRECTE, PATH);
    StoredAnswer replay =
        service.dispense(num(number), key, deliver("L1", 3), titulaire, AuthMode.INDIRECTE, PATH);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.mediaType()).isEqualTo("application/problem+json");
    assertThat(refused.body()).contains("\"code\":\"OVER_DELIVERY\"").contains("\"lineId\":\"L1\"");
    assertThat(replay).isEqualTo(refused);
    assertThat(store.find(refused.dispensationId()).orElseThrow().status())
        .isEqualTo(DispensationStatus.REFUSED);
    assertThat(events(refused.dispensationId()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.DISPENSATION_REFUSED);
              assertThat(e.data().code()).isEqualTo("OVER_DELIVERY");
            });
  }

  /**
   * The base records the execution and holds its answer past the client's read timeout (a latch, no
   * clock): the dispensation is IN_DOUBT, the 503 says so and names it; the replay of the same
   * request resends the same id, which the base recognises: delivered once, settled.
   */
  @Test
  void a_lost_answer_is_in_doubt_and_the_replay_resends_the_same_id() {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    StoredAnswer lost = loseTheAnswer(number, key, deliver("L1", 2));
    assertThat(lost.status()).isEqualTo(503);
    assertThat(lost.body())
        .contains("\"code\":\"DISPENSATION_IN_DOUBT\"")
        .contains("\"dispensationStatus\":\"IN_DOUBT\"")
        .contains("\"dispensationId\":\"" + lost.dispensationId() + "\"");
    assertThat(store.find(lost.dispensationId()).orElseThrow().status())
        .isEqualTo(DispensationStatus.IN_DOUBT);
    int recorded = fake.recordedExecutions.get();

    StoredAnswer replay =
        service.dispense(num(number), key, deliver("L1", 2), titulaire, AuthMode.INDIRECTE, PATH);

    assertThat(replay.status()).isEqualTo(201);
    assertThat(fake.recordedExecutions.get()).as("delivered once").isEqualTo(recorded);
    Dispensation d = store.find(replay.dispensationId()).orElseThrow();
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(d.lines().get(0).accepted()).contains(new Dispensation.Accepted(2, "FFP", 1));
    assertThat(d.settlement()).hasValueSatisfying(s -> assertThat(s.by()).isEqualTo("replay"));
    List<EventView> events = events(d.id());
    assertThat(events)
        .extracting(EventView::type)
        .containsExactly(EventType.DISPENSATION_IN_DOUBT, EventType.DISPENSATION_SETTLED);
    assertThat(events.get(1).data().status()).isEqualTo("RECORDED");
    assertThat(events.get(1).data().settledBy()).isEqualTo("replay");
    assertThat(events.get(1).id()).isGreaterThan(events.get(0).id());
  }

  /**
   * Issue 10 §1: a base that cannot be reached (connection refused) never got the request: the
   * dispensation is NOT_RECORDED at once, final; its answer is stored under the key (a replay gets
   * it again) and the recovery task never sends it (before the fix it stayed SUBMITTING and the
   * recovery task recorded it once the base was back, behind the pharmacist's back).
   */
  @Test
  void a_base_that_cannot_be_reached_leaves_it_not_recorded_and_nothing_is_ever_resent()
      throws Exception {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    int calls = fake.executionCalls.get();
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    IdempotentDispensations unreachable =
        counter(
            new DispensationService(
                store,
                SoapEPrescriptionBase.at(
                    "http://127.0.0.1:" + closedPort + "/eprescription", 1000, 3000)));

    StoredAnswer answer =
        unreachable.dispense(
            num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body())
        .contains("\"code\":\"DISPENSATION_NOT_RECORDED\"")
        .contains("\"dispensationStatus\":\"NOT_RECORDED\"")
        .contains("Délivrance NON enregistrée");
    Dispensation d = store.find(answer.dispensationId()).orElseThrow();
    assertThat(d.status()).isEqualTo(DispensationStatus.NOT_RECORDED);
    assertThat(
            service.dispense(
                num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH))
        .as("final: the replay gets the same answer, nothing sent")
        .isEqualTo(answer);

    settlement.recover(OffsetDateTime.now().plusSeconds(1)); // the base is reachable for `service`

    assertThat(store.find(d.id()).orElseThrow().status())
        .isEqualTo(DispensationStatus.NOT_RECORDED);
    assertThat(fake.executionCalls.get()).as("never sent").isEqualTo(calls);
    assertThat(events(d.id()))
        .extracting(EventView::type)
        .containsExactly(EventType.DISPENSATION_NOT_RECORDED);
  }

  /** The recovery task asks the base: recorded there, the dispensation is RECORDED, settled. */
  @Test
  void the_recovery_task_settles_an_in_doubt_one_the_base_recorded_without_delivering_twice() {
    String number = prescription(3);
    StoredAnswer lost = loseTheAnswer(number, UUID.randomUUID().toString(), deliver("L1", 1));
    int recorded = fake.recordedExecutions.get();

    settlement.recover(OffsetDateTime.now().plusSeconds(1));

    Dispensation d = store.find(lost.dispensationId()).orElseThrow();
    assertThat(d.status()).isEqualTo(DispensationStatus.RECORDED);
    assertThat(d.settlement())
        .hasValueSatisfying(s -> assertThat(s.by()).isEqualTo(DispensationStore.RECOVERY));
    assertThat(d.lines().get(0).accepted()).contains(new Dispensation.Accepted(1, "FFP", 2));
    assertThat(fake.recordedExecutions.get()).as("delivered once").isEqualTo(recorded);
    assertThat(events(d.id()))
        .extracting(EventView::type)
        .containsExactly(EventType.DISPENSATION_IN_DOUBT, EventType.DISPENSATION_SETTLED);
    assertThat(events(d.id()).get(1).data().settledBy()).isEqualTo(DispensationStore.RECOVERY);
  }

  /**
   * The answer lost and the base never recorded it (it failed after the client had sent all): the
   * recovery task finds no execution with its id and settles it NOT_RECORDED, without sending it.
   */
  @Test
  void the_recovery_task_settles_an_in_doubt_one_the_base_never_recorded_as_not_recorded() {
    String number = prescription(3);
    // a request read whole by the base's front, which then failed (HTTP 500, no SOAP): it may
    // have been processed, as far as the module can tell; here it was not
    StoredAnswer lost;
    fake.failNextExecutionWithHttp500 = true;
    try {
      lost =
          service.dispense(
              num(number),
              UUID.randomUUID().toString(),
              deliver("L1", 1),
              titulaire,
              AuthMode.INDIRECTE,
              PATH);
    } finally {
      fake.failNextExecutionWithHttp500 = false;
    }
    assertThat(store.find(lost.dispensationId()).orElseThrow().status())
        .isEqualTo(DispensationStatus.IN_DOUBT);
    int calls = fake.executionCalls.get();

    settlement.recover(OffsetDateTime.now().plusSeconds(1));

    Dispensation d = store.find(lost.dispensationId()).orElseThrow();
    assertThat(d.status()).isEqualTo(DispensationStatus.NOT_RECORDED);
    assertThat(d.settlement()).isPresent();
    assertThat(fake.executionCalls.get()).as("not sent again").isEqualTo(calls);
    assertThat(events(d.id()))
        .extracting(EventView::type)
        .containsExactly(EventType.DISPENSATION_IN_DOUBT, EventType.DISPENSATION_SETTLED);
    assertThat(events(d.id()).get(1).data().status()).isEqualTo("NOT_RECORDED");
  }

  /** The events of one dispensation in its pharmacy's feed (issue 15 §1), oldest first. */
  static List<EventView> events(DispensationId id) {
    return new EventLog(db, new JsonCodec())
        .after(titulaire.pharmacy().finess(), 0, EventLog.MAX_PAGE).stream()
            .filter(e -> id.toString().equals(e.data().dispensationId()))
            .toList();
  }

  /** Sends with a 300 ms read timeout while the base records and holds its answer (a latch). */
  private StoredAnswer loseTheAnswer(String number, String key, DispensationRequest body) {
    IdempotentDispensations impatient = serviceWithReadTimeout(300);
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    int recordedBefore = fake.recordedExecutions.get();
    fake.holdAfterRecord = held;
    try {
      return impatient.dispense(num(number), key, body, titulaire, AuthMode.INDIRECTE, PATH);
    } finally {
      fake.holdAfterRecord = null;
      held.countDown();
      // the base did record it, the module does not know yet
      assertThat(fake.recordedExecutions.get() - recordedBefore).isEqualTo(1);
    }
  }

  @Test
  void a_request_that_died_holding_its_key_is_released_by_the_recovery() {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    DispensationRequest body = deliver("L1", 1);
    keys.claim(
        "690100011",
        key,
        DispensationRequests.fingerprint(num(number), body),
        DispensationId.newId());

    keys.releaseAbandoned(OffsetDateTime.now().plusSeconds(1));

    assertThat(
            service.dispense(num(number), key, body, titulaire, AuthMode.INDIRECTE, PATH).status())
        .isEqualTo(201);
  }

  static void assertProblem(Runnable call, ProblemType type) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(type));
  }

  static String prescription(int... quantities) {
    String number = UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
    fake.add(number, StatutPrescription.OUVERTE, quantities);
    return number;
  }

  static PrescriptionNumber num(String number) {
    return PrescriptionNumber.of(number);
  }

  static DispensationRequest deliver(String lineId, int quantity) {
    return new DispensationRequest(
        List.of(new LineRequest(lineId, quantity, null, null)), List.of(), null, null);
  }
}
