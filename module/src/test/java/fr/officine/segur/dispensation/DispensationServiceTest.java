package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.LineRequest;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.dispensation.IdempotencyStore.StoredAnswer;
import fr.officine.segur.prescription.SoapEPrescriptionBase;
import fr.officine.segur.prescription.soap.StatutPrescription;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.testing.FakeEPrescriptionBase;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import fr.officine.segur.web.JsonCodec;
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
  static DispensationService service;
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
    service = serviceWithReadTimeout(3000);
  }

  static DispensationService serviceWithReadTimeout(int ms) {
    return new DispensationService(
        store, keys, SoapEPrescriptionBase.at(baseUrl + "/eprescription", 1000, ms), new JsonCodec());
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

    StoredAnswer first = service.dispense(num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);
    StoredAnswer replay = service.dispense(num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);

    assertThat(first.status()).isEqualTo(201);
    assertThat(replay).isEqualTo(first);
    assertThat(fake.recordedExecutions.get() - before).isEqualTo(1);
    Dispensation stored = store.find(first.dispensationId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(DispensationStatus.RECORDED);
    assertThat(stored.lines().get(0).accepted())
        .contains(new Dispensation.Accepted(1, "FFP", 2));
    assertThat(first.body()).contains("\"status\":\"RECORDED\"").contains("\"state\":\"SENT\"");
  }

  @Test
  void the_same_key_for_another_request_is_refused() {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    service.dispense(num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);

    assertProblem(
        () -> service.dispense(num(number), key, deliver("L1", 2), titulaire, AuthMode.INDIRECTE, PATH),
        ProblemType.IDEMPOTENCY_KEY_REUSED);
  }

  @Test
  void keys_are_per_pharmacy_so_two_pharmacies_may_use_the_same_key() {
    String number = prescription(3);
    String key = "shared-" + UUID.randomUUID();

    StoredAnswer a = service.dispense(num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);
    StoredAnswer b = service.dispense(num(number), key, deliver("L1", 1), confrere, AuthMode.INDIRECTE, PATH);

    assertThat(a.status()).isEqualTo(201);
    assertThat(b.status()).isEqualTo(201);
    assertThat(b.dispensationId()).isNotEqualTo(a.dispensationId());
  }

  @Test
  void a_key_still_in_progress_answers_request_in_progress() {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    DispensationRequest body = deliver("L1", 1);
    keys.claim("690100011", key, DispensationRequests.fingerprint(num(number), body), DispensationId.newId());

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
                    return service.dispense(num(number), key, deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH);
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

    StoredAnswer refused = service.dispense(num(number), key, deliver("L1", 3), titulaire, AuthMode.INDIRECTE, PATH);
    StoredAnswer replay = service.dispense(num(number), key, deliver("L1", 3), titulaire, AuthMode.INDIRECTE, PATH);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.mediaType()).isEqualTo("application/problem+json");
    assertThat(refused.body()).contains("\"code\":\"OVER_DELIVERY\"").contains("\"lineId\":\"L1\"");
    assertThat(replay).isEqualTo(refused);
    assertThat(store.find(refused.dispensationId()).orElseThrow().status())
        .isEqualTo(DispensationStatus.REFUSED);
  }

  @Test
  void a_lost_answer_leaves_the_dispensation_submitting_and_the_replay_resends_the_same_id()
      throws Exception {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    DispensationService impatient = serviceWithReadTimeout(300);
    int recordedBefore = fake.recordedExecutions.get();
    fake.delayAfterRecordMs = 1000;
    try {
      assertProblem(
          () -> impatient.dispense(num(number), key, deliver("L1", 2), titulaire, AuthMode.INDIRECTE, PATH),
          ProblemType.EPRESCRIPTION_UNAVAILABLE);
    } finally {
      Thread.sleep(1100); // let the fake finish its answer
      fake.delayAfterRecordMs = 0;
    }
    // the base did record it, the module does not know yet
    assertThat(fake.recordedExecutions.get() - recordedBefore).isEqualTo(1);

    StoredAnswer replay = service.dispense(num(number), key, deliver("L1", 2), titulaire, AuthMode.INDIRECTE, PATH);

    assertThat(replay.status()).isEqualTo(201);
    assertThat(fake.recordedExecutions.get() - recordedBefore).as("delivered once").isEqualTo(1);
    Dispensation d = store.find(replay.dispensationId()).orElseThrow();
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(d.lines().get(0).accepted()).contains(new Dispensation.Accepted(2, "FFP", 1));
  }

  @Test
  void the_recovery_task_settles_what_stayed_submitting_without_delivering_twice()
      throws Exception {
    String number = prescription(3);
    DispensationService impatient = serviceWithReadTimeout(300);
    int recordedBefore = fake.recordedExecutions.get();
    fake.delayAfterRecordMs = 1000;
    try {
      assertProblem(
          () ->
              impatient.dispense(
                  num(number), UUID.randomUUID().toString(), deliver("L1", 1), titulaire, AuthMode.INDIRECTE, PATH),
          ProblemType.EPRESCRIPTION_UNAVAILABLE);
    } finally {
      Thread.sleep(1100);
      fake.delayAfterRecordMs = 0;
    }

    service.recover(OffsetDateTime.now().plusSeconds(1));

    assertThat(store.submittingSince(OffsetDateTime.now().plusSeconds(1))).isEmpty();
    assertThat(fake.recordedExecutions.get() - recordedBefore).isEqualTo(1);
  }

  @Test
  void a_request_that_died_holding_its_key_is_released_by_the_recovery() {
    String number = prescription(3);
    String key = UUID.randomUUID().toString();
    DispensationRequest body = deliver("L1", 1);
    keys.claim("690100011", key, DispensationRequests.fingerprint(num(number), body), DispensationId.newId());

    keys.releaseAbandoned(OffsetDateTime.now().plusSeconds(1));

    assertThat(service.dispense(num(number), key, body, titulaire, AuthMode.INDIRECTE, PATH).status()).isEqualTo(201);
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
    return new DispensationRequest(List.of(new LineRequest(lineId, quantity, null, null)), List.of(), null);
  }
}
