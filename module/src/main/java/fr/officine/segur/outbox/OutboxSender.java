package fr.officine.segur.outbox;

/**
 * Sends one outbox entry to its service. Implementations read every answer: delivered, nothing to
 * send, or unsent with a code, built by {@link RetryPolicy#unsent} so that whether it is retried is
 * said by the target's policy only; they never throw for an answer of the service (a thrown
 * exception counts as a technical failure).
 */
public interface OutboxSender {
  OutboxTarget target();

  SendOutcome send(OutboxEntry entry);
}
