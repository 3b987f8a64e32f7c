package fr.officine.segur.mssante;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.DuplicateKeyException;
import fr.officine.segur.dispensation.Dispensation;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.identity.IdentityQualified;
import fr.officine.segur.outbox.Outbox;
import fr.officine.segur.outbox.OutboxEntry;
import fr.officine.segur.outbox.OutboxPoller;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.outbox.Reason;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Optional;

/**
 * The pharmacist's "send to the prescriber": one MSSANTE send in the outbox per dispensation (the
 * table's one-send-per-target rule), written in its own transaction and drained like the others.
 * Asking again returns the same send: a replay, a double click or a second counter never sends
 * twice.
 */
@ApplicationScoped
public class PrescriberMessages {
  static final Reason QUEUED = Reason.of(SendReason.MSSANTE_QUEUED);
  static final Reason RELEASED = Reason.of(SendReason.MSSANTE_INS_QUALIFIED_RELEASED);

  private Database db;
  private Outbox outbox;
  private OutboxPoller poller;
  private DocumentStore documents;

  protected PrescriberMessages() {}

  @Inject
  public PrescriberMessages(
      Database db, Outbox outbox, OutboxPoller poller, DocumentStore documents) {
    this.db = db;
    this.outbox = outbox;
    this.poller = poller;
    this.documents = documents;
  }

  /** The message's send, queued now or found as a previous request left it. */
  public OutboxEntry request(Dispensation d) {
    Optional<OutboxEntry> existing = find(d);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      db.useTransaction(
          h ->
              outbox.enqueue(
                  h,
                  d.id(),
                  d.pharmacyFiness(),
                  OutboxTarget.MSSANTE,
                  OutboxState.PENDING,
                  Optional.of(QUEUED)));
      poller.wake();
    } catch (DuplicateKeyException e) {
      // another request for the same dispensation won the insert: its send is this one
    }
    return find(d)
        .orElseThrow(() -> new IllegalStateException("MSSANTE send of " + d.id() + " not found"));
  }

  private Optional<OutboxEntry> find(Dispensation d) {
    return outbox.forDispensation(d.id()).stream()
        .filter(e -> e.target() == OutboxTarget.MSSANTE)
        .findFirst();
  }

  /**
   * An INS qualified by a pharmacy releases its messages waiting for it, after the dispensation
   * feed re-identified the stored documents (a later priority), so the message carries the
   * qualified traits.
   */
  void onQualified(
      @Observes @Priority(Interceptor.Priority.APPLICATION + 900) IdentityQualified qualified) {
    int reopened = 0;
    for (var id : documents.ofPatient(qualified.ins(), qualified.pharmacyFiness())) {
      if (outbox.reopenIf(
          id, OutboxTarget.MSSANTE, MssanteSender.WAITING_FOR_QUALIFICATION, RELEASED)) {
        reopened++;
      }
    }
    if (reopened > 0) {
      poller.wake();
    }
  }
}
