package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.event.EventType;
import fr.officine.segur.api.event.EventView;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.TestDatabases;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.dp.DmpRoute;
import fr.officine.segur.event.EventLog;
import fr.officine.segur.http.JsonCodec;
import fr.officine.segur.outbox.Outbox;
import fr.officine.segur.outbox.OutboxEntry;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.outbox.Reason;
import fr.officine.segur.prescription.ExecutionOutcome;
import fr.officine.segur.testing.SampleDispensations;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §1: every send whose state is decided or changes has exactly one event in the pharmacy's
 * feed, in the transaction of the change. A walk found the DMP send decided NOT_APPLICABLE when the
 * dispensation was recorded (INS not qualified yet) absent from the feed: only the sends settled by
 * an attempt had their event.
 */
class SendEventsTest {
  static final String MARCHE = SandboxSeed.PHARMACIE_DU_MARCHE.finess();

  Database db;
  DispensationStore store;
  Outbox outbox;
  FeedWriter writer;
  EventLog log;

  @BeforeEach
  void database() {
    db = new Database(TestDatabases.migrated(TestDatabases.H2));
    Accounts accounts = new Accounts(db);
    new SandboxSeed(accounts, new PasswordHasher(), "sandbox").seed();
    store = new DispensationStore(db);
    outbox = new Outbox(db);
    log = new EventLog(db, new JsonCodec());
    writer =
        new FeedWriter(
            new DocumentStore(db),
            outbox,
            new SendRouting(
                new DmpRoute() {
                  @Override
                  public boolean viaDp(String pharmacyFiness) {
                    return false; // the default route: the module sends to the DMP itself
                  }
                }));
  }

  /**
   * What DispensationFeed.prepare gives for a patient whose INS this pharmacy has not qualified.
   */
  static final DispensationFeed.Prepared INS_NOT_QUALIFIED =
      new DispensationFeed.Prepared(
          Optional.empty(),
          OutboxState.NOT_APPLICABLE,
          Optional.of(Reason.of(SendReason.INS_NOT_QUALIFIED)));

  @Test
  void a_dmp_send_not_applicable_when_the_dispensation_is_recorded_has_its_event_with_its_reason() {
    DispensationId id = recorded(INS_NOT_QUALIFIED);

    List<EventView> events = events(id);
    assertThat(events)
        .extracting(EventView::type)
        .containsExactly(
            EventType.DISPENSATION_RECORDED,
            EventType.SEND_NOT_APPLICABLE,
            EventType.SEND_NOT_APPLICABLE);
    assertThat(events)
        .extracting(e -> e.data().target())
        .containsExactly(null, OutboxTarget.DMP.name(), OutboxTarget.DP.name());
    assertThat(events)
        .as("the reason code tells an LGO the DMP send waits for the INS and may leave later")
        .extracting(e -> e.data().reasonCode())
        .containsExactly(
            null, SendReason.INS_NOT_QUALIFIED.name(), SendReason.NOTHING_FOR_DP.name());
    assertThat(events.subList(1, 3))
        .allSatisfy(
            e -> {
              assertThat(e.data().state()).isEqualTo("NOT_APPLICABLE");
              assertThat(e.data().attempts()).isZero();
              assertThat(e.data().dispensationId()).isEqualTo(id.toString());
            });
    assertThat(events).extracting(EventView::id).containsExactly(1L, 2L, 3L);
  }

  @Test
  void the_dmp_send_reopened_by_the_qualification_then_sent_has_one_event_per_change() {
    DispensationId id = recorded(INS_NOT_QUALIFIED);

    // what DispensationFeed.onQualified does when the pharmacy qualifies the INS
    Reason released = Reason.of(SendReason.INS_QUALIFIED_RELEASED);
    assertThat(outbox.reopenIf(id, OutboxTarget.DMP, SendReason.INS_NOT_QUALIFIED, released))
        .isTrue();
    assertThat(outbox.reopenIf(id, OutboxTarget.DMP, SendReason.INS_NOT_QUALIFIED, released))
        .as("a second qualification finds nothing to release")
        .isFalse();
    assertThat(outbox.reopenIf(id, OutboxTarget.DP, SendReason.INS_NOT_QUALIFIED, released))
        .as("the DP send settled for another reason stays as it is")
        .isFalse();
    List<OutboxEntry> claimed =
        outbox.claimDue(OutboxTarget.DMP, 10, Duration.ofMinutes(2), "A", Map.of(), 10);
    assertThat(claimed).singleElement().extracting(OutboxEntry::dispensationId).isEqualTo(id);
    OutboxEntry claim = claimed.get(0);
    Reason deposited = Reason.of(SendReason.DMP_DEPOSITED);
    assertThat(outbox.settle(claim, "A", OutboxState.SENT, deposited)).isTrue();
    assertThat(outbox.settle(claim, "A", OutboxState.SENT, deposited))
        .as("a claim settled twice moves once")
        .isFalse();

    List<EventView> events = events(id);
    assertThat(events)
        .extracting(EventView::type)
        .containsExactly(
            EventType.DISPENSATION_RECORDED,
            EventType.SEND_NOT_APPLICABLE,
            EventType.SEND_NOT_APPLICABLE,
            EventType.SEND_REOPENED,
            EventType.SEND_SENT);
    EventView reopened = events.get(3);
    assertThat(reopened.data().target()).isEqualTo("DMP");
    assertThat(reopened.data().state()).isEqualTo("PENDING");
    assertThat(reopened.data().reasonCode()).isEqualTo("INS_QUALIFIED_RELEASED");
    EventView sent = events.get(4);
    assertThat(sent.data().target()).isEqualTo("DMP");
    assertThat(sent.data().state()).isEqualTo("SENT");
    assertThat(sent.data().attempts()).isEqualTo(1);
    assertThat(sent.data().reasonCode()).isEqualTo("DMP_DEPOSITED");
    assertThat(events).extracting(EventView::id).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void a_send_queued_settled_in_a_change_that_rolls_back_leaves_neither_row_nor_event() {
    DispensationId id = submitting();
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    h -> {
                      outbox.enqueue(
                          h,
                          id,
                          MARCHE,
                          OutboxTarget.DMP,
                          OutboxState.NOT_APPLICABLE,
                          Optional.of(Reason.of(SendReason.NO_INS)));
                      throw new IllegalStateException("the change failed");
                    }))
        .hasMessage("the change failed");

    assertThat(outbox.forDispensation(id)).isEmpty();
    assertThat(events(id)).isEmpty();
  }

  /** A dispensation accepted by the base, its sends written as DispensationService writes them. */
  DispensationId recorded(DispensationFeed.Prepared prepared) {
    DispensationId id = submitting();
    Dispensation d = store.find(id).orElseThrow();
    assertThat(
            store.recordAccepted(
                id,
                new ExecutionOutcome("execution-" + id, false, List.of(), null),
                "PARTIAL",
                h -> writer.write(h, d, prepared),
                null))
        .isTrue();
    return id;
  }

  DispensationId submitting() {
    DispensationId id = DispensationId.newId();
    store.insert(SampleDispensations.of(id, MARCHE, DispensationStatus.SUBMITTING));
    return id;
  }

  List<EventView> events(DispensationId id) {
    return log.after(MARCHE, 0, EventLog.MAX_PAGE).stream()
        .filter(e -> id.toString().equals(e.data().dispensationId()))
        .toList();
  }
}
