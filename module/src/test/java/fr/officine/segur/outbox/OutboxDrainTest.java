package fr.officine.segur.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.TestDatabases;
import fr.officine.segur.dispensation.DispensationStatus;
import fr.officine.segur.dispensation.DispensationStore;
import fr.officine.segur.testing.MovableClock;
import fr.officine.segur.testing.SampleDispensations;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.Role;
import fr.officine.segur.trust.SandboxSeed;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbox on the module's real schema (Flyway), on H2 and on a real PostgreSQL: claims with FOR
 * UPDATE SKIP LOCKED and a lease, takeover of a dead node's claims, parallel sends within their
 * bounds, final answers, backoff.
 */
@ParameterizedClass
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class OutboxDrainTest {
  static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 0.2);
  static final String MARCHE = "690100011";
  static final String ARCADES = "690100029";
  static final Duration LEASE = Duration.ofMinutes(2);

  @Parameter String engine;

  Database db;
  Outbox outbox;
  ExecutorService pool;

  @BeforeEach
  void schema() {
    db = new Database(TestDatabases.migrated(engine));
    Accounts accounts = new Accounts(db);
    accounts.addPharmacyIfAbsent(SandboxSeed.PHARMACIE_DU_MARCHE);
    accounts.addPharmacyIfAbsent(SandboxSeed.PHARMACIE_DES_ARCADES);
    accounts.add(
        new Account(
            "titulaire",
            "x",
            Optional.of("10100000016"),
            "MARTIN",
            "Claire",
            Role.TITULAIRE,
            SandboxSeed.PHARMACIE_DU_MARCHE));
    accounts.add(
        new Account(
            "confrere",
            "x",
            Optional.of("10100000032"),
            "BERNARD",
            "Louis",
            Role.TITULAIRE,
            SandboxSeed.PHARMACIE_DES_ARCADES));
    outbox = new Outbox(db);
    pool = Executors.newFixedThreadPool(32);
  }

  @AfterEach
  void pool() {
    pool.shutdownNow();
  }

  DispensationId pending() {
    return pending(MARCHE);
  }

  DispensationId pending(String finess) {
    DispensationId id = DispensationId.newId();
    new DispensationStore(db)
        .insert(SampleDispensations.of(id, finess, DispensationStatus.RECORDED));
    db.useTransaction(
        h ->
            outbox.enqueue(h, id, finess, OutboxTarget.DMP, OutboxState.PENDING, Optional.empty()));
    return id;
  }

  List<OutboxEntry> claim(Outbox on, String node, int limit) {
    return on.claimDue(OutboxTarget.DMP, limit, LEASE, node, Map.of(), Integer.MAX_VALUE);
  }

  static OutboxSender answering(SendOutcome outcome, AtomicInteger calls) {
    return new OutboxSender() {
      public OutboxTarget target() {
        return OutboxTarget.DMP;
      }

      public SendOutcome send(OutboxEntry entry) {
        calls.incrementAndGet();
        return outcome;
      }
    };
  }

  @Test
  void
      a_send_waiting_for_the_identity_is_reopened_by_its_reason_and_a_send_the_dmp_settled_is_not() {
    Reason waiting =
        new Reason(SendReason.INS_NOT_QUALIFIED, "INS non qualifié : vérifiez l'identité.");
    Reason released =
        new Reason(SendReason.INS_QUALIFIED_RELEASED, "INS qualifié : envoi relancé.");
    DispensationId notQualified = pending();
    DispensationId noDmp = pending();
    for (OutboxEntry e : claim(outbox, "A", 10)) {
      outbox.settle(
          e,
          "A",
          OutboxState.NOT_APPLICABLE,
          e.dispensationId().equals(notQualified) ? waiting : Reason.of(SendReason.DMP_NONE));
    }

    assertThat(outbox.reopenIf(notQualified, OutboxTarget.DMP, waiting.code(), released)).isTrue();
    assertThat(outbox.reopenIf(noDmp, OutboxTarget.DMP, waiting.code(), released)).isFalse();
    // a second qualification finds nothing left to release
    assertThat(outbox.reopenIf(notQualified, OutboxTarget.DMP, waiting.code(), released)).isFalse();

    assertThat(outbox.forDispensation(notQualified).get(0).state()).isEqualTo(OutboxState.PENDING);
    assertThat(outbox.forDispensation(notQualified).get(0).reason())
        .contains("INS qualifié : envoi relancé.");
    assertThat(outbox.forDispensation(noDmp).get(0).state()).isEqualTo(OutboxState.NOT_APPLICABLE);
  }

  @Test
  void two_nodes_claiming_at_once_never_claim_the_same_send() throws Exception {
    for (int i = 0; i < 60; i++) {
      pending(i % 2 == 0 ? MARCHE : ARCADES);
    }
    List<String> claimed = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> nodes = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      Outbox own = new Outbox(db); // another node: its own Outbox on the same database
      String node = "node-" + p;
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  List<OutboxEntry> got;
                  while (!(got = claim(own, node, 4)).isEmpty()) {
                    got.forEach(e -> claimed.add(e.id()));
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      nodes.add(t);
    }
    start.countDown();
    for (Thread t : nodes) {
      t.join();
    }
    assertThat(claimed).hasSize(60).doesNotHaveDuplicates();
  }

  @Test
  void
      a_dead_nodes_claims_are_taken_over_when_their_lease_ends_and_its_late_answer_changes_nothing() {
    DispensationId id = pending();
    MovableClock clock = new MovableClock(Instant.now());
    Outbox nodeA = new Outbox(db, clock);
    Outbox nodeB = new Outbox(db, clock);

    List<OutboxEntry> byA = claim(nodeA, "A", 10);
    assertThat(byA).hasSize(1);
    clock.advance(LEASE.minusSeconds(1));
    assertThat(claim(nodeB, "B", 10)).as("leased to A: not due for B").isEmpty();

    clock.advance(Duration.ofSeconds(2)); // A never answered: its lease is over
    List<OutboxEntry> byB = claim(nodeB, "B", 10);
    assertThat(byB).extracting(OutboxEntry::dispensationId).containsExactly(id);
    assertThat(byB.get(0).attempts()).isEqualTo(2);

    // A comes back from the dead with an answer: its claim is gone, the row is B's
    assertThat(
            nodeA.settle(
                byA.get(0), "A", OutboxState.REFUSED, Reason.of(SendReason.DMP_DOCUMENT_REFUSED)))
        .isFalse();
    assertThat(
            nodeA.reschedule(
                byA.get(0), "A", Duration.ofHours(1), Reason.of(SendReason.DMP_UNAVAILABLE)))
        .isFalse();
    assertThat(nodeB.settle(byB.get(0), "B", OutboxState.SENT, Reason.of(SendReason.DMP_DEPOSITED)))
        .isTrue();
    OutboxEntry row = outbox.forDispensation(id).get(0);
    assertThat(row.state()).isEqualTo(OutboxState.SENT);
    assertThat(row.reason()).contains("Document déposé dans le DMP.");
  }

  @Test
  void sends_run_in_parallel_up_to_the_service_bound_and_never_past_a_pharmacys_bound()
      throws Exception {
    for (int i = 0; i < 30; i++) {
      pending(MARCHE);
    }
    for (int i = 0; i < 10; i++) {
      pending(ARCADES);
    }
    int perService = 6;
    int perPharmacy = 4;
    Map<String, AtomicInteger> now =
        new ConcurrentHashMap<>(Map.of(MARCHE, new AtomicInteger(), ARCADES, new AtomicInteger()));
    Map<String, Integer> most = new ConcurrentHashMap<>();
    AtomicInteger total = new AtomicInteger();
    AtomicInteger mostTotal = new AtomicInteger();
    // the first sends wait until the service bound is reached at once: a sequential drain never
    // gets there
    CountDownLatch full = new CountDownLatch(perService);
    OutboxSender sender =
        new OutboxSender() {
          public OutboxTarget target() {
            return OutboxTarget.DMP;
          }

          public SendOutcome send(OutboxEntry entry) {
            int mine = now.get(entry.pharmacyFiness()).incrementAndGet();
            most.merge(entry.pharmacyFiness(), mine, Math::max);
            mostTotal.accumulateAndGet(total.incrementAndGet(), Math::max);
            try {
              full.countDown();
              if (!full.await(60, TimeUnit.SECONDS)) {
                return new SendOutcome.Failed(
                    SendReason.TECHNICAL_ERROR, "never reached " + perService + " sends at once");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              total.decrementAndGet();
              now.get(entry.pharmacyFiness()).decrementAndGet();
            }
            return new SendOutcome.Sent(SendReason.DMP_DEPOSITED);
          }
        };
    OutboxDrain drain =
        new OutboxDrain(
            outbox,
            Map.of(OutboxTarget.DMP, sender),
            FAST,
            new Random(1),
            new OutboxDrain.Bounds(perService, perPharmacy, LEASE, "A"),
            pool);

    assertThat(drain.drain()).isEqualTo(40);
    assertThat(outbox.summary(MARCHE, 0).pending()).isEmpty();
    assertThat(outbox.summary(ARCADES, 0).pending()).isEmpty();
    assertThat(mostTotal).as("sends at once").hasValue(perService);
    assertThat(most.get(MARCHE)).as("one pharmacy's sends at once").isEqualTo(perPharmacy);
    assertThat(most.get(ARCADES)).isLessThanOrEqualTo(perPharmacy);
  }

  @Test
  void two_nodes_draining_a_backlog_at_once_send_each_document_once() throws Exception {
    List<DispensationId> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      all.add(pending(i % 3 == 0 ? ARCADES : MARCHE));
    }
    Map<DispensationId, AtomicInteger> sends = new ConcurrentHashMap<>();
    OutboxSender dmp =
        new OutboxSender() {
          public OutboxTarget target() {
            return OutboxTarget.DMP;
          }

          public SendOutcome send(OutboxEntry entry) {
            sends
                .computeIfAbsent(entry.dispensationId(), k -> new AtomicInteger())
                .incrementAndGet();
            return new SendOutcome.Sent(SendReason.DMP_DEPOSITED);
          }
        };
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      var a =
          nodes.submit(
              () ->
                  new OutboxDrain(
                          new Outbox(db),
                          Map.of(OutboxTarget.DMP, dmp),
                          FAST,
                          new Random(1),
                          new OutboxDrain.Bounds(4, 2, LEASE, "A"),
                          pool)
                      .drain());
      var b =
          nodes.submit(
              () ->
                  new OutboxDrain(
                          new Outbox(db),
                          Map.of(OutboxTarget.DMP, dmp),
                          FAST,
                          new Random(2),
                          new OutboxDrain.Bounds(4, 2, LEASE, "B"),
                          pool)
                      .drain());
      assertThat(a.get() + b.get()).isEqualTo(50);
    } finally {
      nodes.shutdownNow();
    }
    assertThat(sends.keySet()).containsExactlyInAnyOrderElementsOf(all);
    assertThat(sends.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    Map<OutboxState, Integer> states = new HashMap<>();
    all.forEach(id -> states.merge(outbox.forDispensation(id).get(0).state(), 1, Integer::sum));
    assertThat(states).isEqualTo(Map.of(OutboxState.SENT, 50));
  }

  @Test
  void business_refusal_is_final_and_never_retried() {
    DispensationId id = pending();
    AtomicInteger calls = new AtomicInteger();
    OutboxDrain drain =
        new OutboxDrain(
            outbox,
            Map.of(
                OutboxTarget.DMP,
                answering(
                    new SendOutcome.Refused(
                        SendReason.DMP_PATIENT_OPPOSED,
                        "Le patient s'est opposé à l'alimentation de son DMP."),
                    calls)),
            FAST,
            new Random(1),
            10,
            LEASE);
    drain.drain();
    outbox.retryNow(MARCHE);
    drain.drain();
    OutboxEntry e = outbox.forDispensation(id).get(0);
    assertThat(e.state()).isEqualTo(OutboxState.REFUSED);
    assertThat(e.reason()).contains("Le patient s'est opposé à l'alimentation de son DMP.");
    assertThat(calls).hasValue(1);
    assertThat(outbox.summary(MARCHE, 5).refused()).hasSize(1);
  }

  @Test
  void each_target_is_rescheduled_by_its_own_backoff_and_a_late_service_gets_fewer_sends_at_once() {
    DispensationId id = pending();
    AtomicInteger calls = new AtomicInteger();
    Map<OutboxTarget, Backoff> slowDmp = new java.util.EnumMap<>(OutboxTarget.class);
    slowDmp.put(OutboxTarget.DMP, new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(5), 0.2));
    slowDmp.put(OutboxTarget.DP, FAST);
    slowDmp.put(OutboxTarget.MSSANTE, FAST);
    OutboxSender inDoubt = answering(new SendOutcome.Failed(SendReason.DMP_OUTCOME_UNKNOWN), calls);
    OutboxDrain.Bounds eight = new OutboxDrain.Bounds(8, 8, LEASE, "A");
    OutboxDrain drain =
        new OutboxDrain(
            outbox,
            Map.of(OutboxTarget.DMP, inDoubt),
            slowDmp,
            new Random(1),
            eight,
            Runnable::run);
    assertThat(drain.allowedNow(OutboxTarget.DMP)).isEqualTo(8);
    drain.drain();
    OutboxEntry after = outbox.forDispensation(id).get(0);
    assertThat(after.reasonCode()).hasValue(SendReason.DMP_OUTCOME_UNKNOWN);
    assertThat(after.nextAttemptAt())
        .as("the DMP's backoff (1 min), not FAST")
        .isAfter(OffsetDateTime.now().plusSeconds(40));
    assertThat(drain.allowedNow(OutboxTarget.DMP)).isEqualTo(4);
    assertThat(drain.allowedNow(OutboxTarget.DP)).isEqualTo(8);

    assertThat(outbox.retryNow(MARCHE)).isEqualTo(1);
    drain.drain();
    assertThat(drain.allowedNow(OutboxTarget.DMP)).isEqualTo(2);

    OutboxSender present = answering(new SendOutcome.Sent(SendReason.DMP_ALREADY_PRESENT), calls);
    OutboxDrain delivering =
        new OutboxDrain(
            outbox, Map.of(OutboxTarget.DMP, present), FAST, new Random(1), eight, Runnable::run);
    assertThat(outbox.retryNow(MARCHE)).isEqualTo(1);
    delivering.drain();
    assertThat(outbox.forDispensation(id).get(0).state()).isEqualTo(OutboxState.SENT);
  }

  @Test
  void technical_failure_stays_pending_with_backoff_then_retry_now_makes_it_due() throws Exception {
    DispensationId id = pending();
    AtomicInteger calls = new AtomicInteger();
    OutboxDrain failing =
        new OutboxDrain(
            outbox,
            Map.of(
                OutboxTarget.DMP,
                answering(
                    new SendOutcome.Failed(SendReason.DMP_UNAVAILABLE, "DMP injoignable."), calls)),
            new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(5), 0.2),
            new Random(1),
            10,
            LEASE);
    failing.drain();
    OutboxEntry after = outbox.forDispensation(id).get(0);
    assertThat(after.state()).isEqualTo(OutboxState.PENDING);
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(after.nextAttemptAt()).isAfter(OffsetDateTime.now().plusSeconds(40));
    failing.drain();
    assertThat(calls).as("not due yet: no second attempt").hasValue(1);

    assertThat(outbox.retryNow(MARCHE)).isEqualTo(1);
    AtomicInteger okCalls = new AtomicInteger();
    new OutboxDrain(
            outbox,
            Map.of(
                OutboxTarget.DMP,
                answering(new SendOutcome.Sent(SendReason.DMP_DEPOSITED), okCalls)),
            FAST,
            new Random(1),
            10,
            LEASE)
        .drain();
    OutboxEntry sent = outbox.forDispensation(id).get(0);
    assertThat(sent.state()).isEqualTo(OutboxState.SENT);
    assertThat(sent.attempts()).isEqualTo(2);
  }
}
