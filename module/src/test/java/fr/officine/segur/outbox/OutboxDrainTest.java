package fr.officine.segur.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.dispensation.Dispensation;
import fr.officine.segur.dispensation.DispensationStatus;
import fr.officine.segur.dispensation.DispensationStore;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.Role;
import fr.officine.segur.trust.SandboxSeed;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox on the module's real schema (H2, Flyway): claims, final answers, backoff. */
class OutboxDrainTest {
  static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 0.2);
  Database db;
  Outbox outbox;

  @BeforeEach
  void schema() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    db = new Database(h2);
    Accounts accounts = new Accounts(db);
    accounts.addPharmacyIfAbsent(SandboxSeed.PHARMACIE_DU_MARCHE);
    accounts.add(new Account("titulaire", "x", Optional.of("10100000016"), "MARTIN", "Claire", Role.TITULAIRE, SandboxSeed.PHARMACIE_DU_MARCHE));
    outbox = new Outbox(db);
  }

  DispensationId pending() {
    DispensationId id = DispensationId.newId();
    new DispensationStore(db).insert(
        new Dispensation(id, PrescriptionNumber.of("01S2TBPZ2JCNZZYGHZ"), "690100011", "Pharmacie du Marché",
            "titulaire", Optional.of("10100000016"), "Claire MARTIN", fr.officine.segur.trust.AuthMode.INDIRECTE, DispensationStatus.RECORDED,
            OffsetDateTime.now(), 1, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of()));
    db.jdbcTransaction(
        c -> {
          outbox.enqueue(c, id, "690100011", OutboxTarget.DMP, OutboxState.PENDING, Optional.empty());
          return null;
        });
    return id;
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
  void a_send_waiting_for_the_identity_is_reopened_by_its_reason_and_a_send_the_dmp_settled_is_not() {
    String waiting = "INS non qualifié : vérifiez l'identité.";
    DispensationId notQualified = pending();
    DispensationId noDmp = pending();
    outbox.settle(outbox.forDispensation(notQualified).get(0).id(), OutboxState.NOT_APPLICABLE, waiting);
    outbox.settle(outbox.forDispensation(noDmp).get(0).id(), OutboxState.NOT_APPLICABLE, "Le patient n'a pas de DMP.");

    assertThat(outbox.reopenIf(notQualified, OutboxTarget.DMP, waiting, "INS qualifié : envoi relancé.")).isTrue();
    assertThat(outbox.reopenIf(noDmp, OutboxTarget.DMP, waiting, "INS qualifié : envoi relancé.")).isFalse();
    // a second qualification finds nothing left to release
    assertThat(outbox.reopenIf(notQualified, OutboxTarget.DMP, waiting, "INS qualifié : envoi relancé.")).isFalse();

    assertThat(outbox.forDispensation(notQualified).get(0).state()).isEqualTo(OutboxState.PENDING);
    assertThat(outbox.forDispensation(notQualified).get(0).reason()).contains("INS qualifié : envoi relancé.");
    assertThat(outbox.forDispensation(noDmp).get(0).state()).isEqualTo(OutboxState.NOT_APPLICABLE);
  }

  @Test
  void two_pollers_never_claim_the_same_send() throws Exception {
    for (int i = 0; i < 40; i++) {
      pending();
    }
    List<String> claimed = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> pollers = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      Outbox own = new Outbox(db); // another node: its own Outbox on the same database
      Thread t = new Thread(() -> {
        try {
          start.await();
          List<OutboxEntry> got;
          while (!(got = own.claimDue(5, Duration.ofMinutes(1))).isEmpty()) {
            got.forEach(e -> claimed.add(e.id()));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      t.start();
      pollers.add(t);
    }
    start.countDown();
    for (Thread t : pollers) {
      t.join();
    }
    assertThat(claimed).hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void business_refusal_is_final_and_never_retried() {
    DispensationId id = pending();
    AtomicInteger calls = new AtomicInteger();
    OutboxDrain drain = new OutboxDrain(outbox, Map.of(OutboxTarget.DMP,
        answering(new SendOutcome.Refused("Le patient s'est opposé à l'alimentation de son DMP."), calls)), FAST, new Random(1), 10, Duration.ofMinutes(1));
    drain.drain();
    outbox.retryNow("690100011");
    drain.drain();
    OutboxEntry e = outbox.forDispensation(id).get(0);
    assertThat(e.state()).isEqualTo(OutboxState.REFUSED);
    assertThat(e.reason()).contains("Le patient s'est opposé à l'alimentation de son DMP.");
    assertThat(calls).hasValue(1);
    assertThat(outbox.summary("690100011", 5).refused()).hasSize(1);
  }

  @Test
  void technical_failure_stays_pending_with_backoff_then_retry_now_makes_it_due() throws Exception {
    DispensationId id = pending();
    AtomicInteger calls = new AtomicInteger();
    OutboxDrain failing = new OutboxDrain(outbox, Map.of(OutboxTarget.DMP,
        answering(new SendOutcome.Failed("DMP injoignable."), calls)),
        new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(5), 0.2), new Random(1), 10, Duration.ofMinutes(1));
    failing.drain();
    OutboxEntry after = outbox.forDispensation(id).get(0);
    assertThat(after.state()).isEqualTo(OutboxState.PENDING);
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(after.nextAttemptAt()).isAfter(OffsetDateTime.now().plusSeconds(40));
    failing.drain();
    assertThat(calls).as("not due yet: no second attempt").hasValue(1);

    assertThat(outbox.retryNow("690100011")).isEqualTo(1);
    AtomicInteger okCalls = new AtomicInteger();
    new OutboxDrain(outbox, Map.of(OutboxTarget.DMP, answering(new SendOutcome.Sent("Document déposé dans le DMP."), okCalls)),
        FAST, new Random(1), 10, Duration.ofMinutes(1)).drain();
    OutboxEntry sent = outbox.forDispensation(id).get(0);
    assertThat(sent.state()).isEqualTo(OutboxState.SENT);
    assertThat(sent.attempts()).isEqualTo(2);
  }
}
