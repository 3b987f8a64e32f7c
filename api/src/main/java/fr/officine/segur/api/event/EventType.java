package fr.officine.segur.api.event;

/**
 * The closed catalogue of the pharmacy's event feed ({@code GET /api/v1/events}, issue 15 §1): the
 * {@code type} of each event, its SSE {@code event:} name, a code an LGO can switch on. Each event
 * is written in the database transaction that makes the change it reports, so it exists exactly
 * when the change does. Its {@code data} ({@link EventData}) carries ids and codes: the LGO reads
 * the details through the API (audited like every read).
 */
public enum EventType {
  /** The base accepted the dispensation at its first answer ({@code status} RECORDED). */
  DISPENSATION_RECORDED(Subject.DISPENSATION),
  /**
   * The base refused it for good ({@code code}: the problem catalogue's code, e.g. OVER_DELIVERY).
   */
  DISPENSATION_REFUSED(Subject.DISPENSATION),
  /** It never reached the base: final, nothing is re-sent (deliver on paper or record it again). */
  DISPENSATION_NOT_RECORDED(Subject.DISPENSATION),
  /** Sent, answer lost: the base may hold it; a DISPENSATION_SETTLED follows. */
  DISPENSATION_IN_DOUBT(Subject.DISPENSATION),
  /**
   * An in-doubt one settled (by the recovery task, a pharmacist or a replay: {@code settledBy}):
   * {@code status} RECORDED (the base holds it) or NOT_RECORDED (to do again).
   */
  DISPENSATION_SETTLED(Subject.DISPENSATION),
  /** A send ({@code target} DMP, DP…) was accepted by its national service. */
  SEND_SENT(Subject.SEND),
  /** A send was refused for good by its national service (opposition, no DMP…): never retried. */
  SEND_REFUSED(Subject.SEND),
  /**
   * The national service has nothing to receive for it (no DMP, no qualified INS…), decided at an
   * attempt or already when the send was queued ({@code attempts} 0). Final unless its {@code
   * reasonCode} says it waits: INS_NOT_QUALIFIED (the pharmacy qualifies the INS) or VIA_DP (the DP
   * does not forward it), then SEND_REOPENED and later SEND_SENT (or another final event) follow.
   */
  SEND_NOT_APPLICABLE(Subject.SEND),
  /**
   * A send that was NOT_APPLICABLE is due again ({@code state} PENDING, {@code reasonCode} why:
   * INS_QUALIFIED_RELEASED, DP_DID_NOT_FORWARD…): its next attempt's event follows.
   */
  SEND_REOPENED(Subject.SEND),
  /** An attempt failed for a technical reason: the send waits and is retried automatically. */
  SEND_FAILED(Subject.SEND),
  /** A professional of the pharmacy qualified a patient's INS ({@code ins}: the INS matricule). */
  INS_QUALIFIED(Subject.IDENTITY),
  /** A line « produit inconnu de la base » was regularised ({@code reconciliationId}). */
  RECONCILIATION_RESOLVED(Subject.RECONCILIATION);

  /** What an event is about: the counter screen follows dispensations and sends. */
  public enum Subject {
    DISPENSATION,
    SEND,
    IDENTITY,
    RECONCILIATION
  }

  private final Subject subject;

  EventType(Subject subject) {
    this.subject = subject;
  }

  public Subject subject() {
    return subject;
  }
}
