package fr.officine.segur.event;

import fr.officine.segur.api.event.EventData;
import fr.officine.segur.api.event.EventType;
import fr.officine.segur.data.Database;
import fr.officine.segur.http.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.Handle;

/**
 * The events of the feed, each written on the handle of the change it reports, by the store that
 * makes the change (one call after its conditional update moved the row). What the event says is
 * read back from the row just written in the same transaction, so the event and the row can never
 * disagree.
 */
@ApplicationScoped
public class FeedEvents {
  private EventLog log;

  protected FeedEvents() {}

  @Inject
  public FeedEvents(EventLog log) {
    this.log = log;
  }

  /**
   * The stores' own constructors outside the container (tests, tools): the same feed on {@code db}.
   */
  public static FeedEvents on(Database db) {
    return new FeedEvents(new EventLog(db, new JsonCodec()));
  }

  /**
   * A dispensation's status just moved: an in-doubt one settled (settled_at set by this move) is
   * DISPENSATION_SETTLED, otherwise the event of its new status.
   */
  public void dispensationMoved(Handle h, String dispensationId) {
    DispensationRow row =
        h.createQuery(
                "SELECT pharmacy_finess, prescription_number, status, problem_code, settled_at, settled_by"
                    + " FROM dispensation WHERE id = :id")
            .bind("id", dispensationId)
            .map(
                (rs, ctx) ->
                    new DispensationRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class),
                        rs.getString(6)))
            .findOne()
            .orElseThrow(
                () -> new IllegalStateException("dispensation vanished: " + dispensationId));
    EventType type =
        row.settledAt() != null
            ? EventType.DISPENSATION_SETTLED
            : switch (row.status()) {
              case "RECORDED" -> EventType.DISPENSATION_RECORDED;
              case "REFUSED" -> EventType.DISPENSATION_REFUSED;
              case "NOT_RECORDED" -> EventType.DISPENSATION_NOT_RECORDED;
              case "IN_DOUBT" -> EventType.DISPENSATION_IN_DOUBT;
              default -> throw new IllegalStateException("no event for status " + row.status());
            };
    boolean hasCode = !"RECORDED".equals(row.status()) && !"IN_DOUBT".equals(row.status());
    log.append(
        h,
        row.finess(),
        type,
        EventData.dispensation(
            dispensationId,
            row.prescriptionNumber(),
            row.status(),
            hasCode ? row.problemCode() : null,
            row.settledAt(),
            row.settledBy()));
  }

  private record DispensationRow(
      String finess,
      String prescriptionNumber,
      String status,
      String problemCode,
      OffsetDateTime settledAt,
      String settledBy) {}

  /**
   * A send's attempt was just written (its row settled or rescheduled): SEND_SENT, SEND_REFUSED,
   * SEND_NOT_APPLICABLE, or SEND_FAILED when it stays PENDING for a retry.
   */
  public void sendAttempted(Handle h, String outboxId) {
    SendRow row = send(h, outboxId);
    append(
        h,
        row,
        switch (row.state()) {
          case "PENDING" -> EventType.SEND_FAILED;
          default -> settled(row);
        });
  }

  /**
   * A send was just queued already settled (the DMP send NOT_APPLICABLE because the INS is not
   * qualified yet, the DP's with nothing to inscribe…): its event, as if an attempt had decided it,
   * with {@code attempts} 0. A send queued PENDING has none: its attempts will.
   */
  public void sendQueuedSettled(Handle h, String outboxId) {
    SendRow row = send(h, outboxId);
    append(h, row, settled(row));
  }

  /** A settled send was just made due again (NOT_APPLICABLE → PENDING): SEND_REOPENED. */
  public void sendReopened(Handle h, String outboxId) {
    SendRow row = send(h, outboxId);
    if (!"PENDING".equals(row.state())) {
      throw new IllegalStateException("send " + outboxId + " not reopened: " + row.state());
    }
    append(h, row, EventType.SEND_REOPENED);
  }

  private static EventType settled(SendRow row) {
    return switch (row.state()) {
      case "SENT" -> EventType.SEND_SENT;
      case "REFUSED" -> EventType.SEND_REFUSED;
      case "NOT_APPLICABLE" -> EventType.SEND_NOT_APPLICABLE;
      default -> throw new IllegalStateException("no settled event for send state " + row.state());
    };
  }

  private static SendRow send(Handle h, String outboxId) {
    return h.createQuery(
            "SELECT pharmacy_finess, dispensation_id, target, state, attempts, reason_code FROM outbox"
                + " WHERE id = :id")
        .bind("id", outboxId)
        .map(
            (rs, ctx) ->
                new SendRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5),
                    rs.getString(6)))
        .findOne()
        .orElseThrow(() -> new IllegalStateException("send vanished: " + outboxId));
  }

  private void append(Handle h, SendRow row, EventType type) {
    log.append(
        h,
        row.finess(),
        type,
        EventData.send(
            row.dispensationId(), row.target(), row.state(), row.attempts(), row.reasonCode()));
  }

  private record SendRow(
      String finess,
      String dispensationId,
      String target,
      String state,
      int attempts,
      String reasonCode) {}

  /** A professional of {@code pharmacyFiness} qualified the INS {@code matricule}. */
  public void insQualified(Handle h, String pharmacyFiness, String matricule) {
    log.append(h, pharmacyFiness, EventType.INS_QUALIFIED, EventData.identity(matricule));
  }

  /** A line unknown to the base was regularised. */
  public void reconciliationResolved(
      Handle h, String pharmacyFiness, String reconciliationId, String dispensationId) {
    log.append(
        h,
        pharmacyFiness,
        EventType.RECONCILIATION_RESOLVED,
        EventData.reconciliation(reconciliationId, dispensationId));
  }
}
