package fr.officine.segur.outbox;

/**
 * Sends one outbox entry to its service. Implementations classify every answer: business refusals
 * are final, everything technical is {@link SendOutcome.Failed} and gets retried; they never throw
 * for an answer of the service (a thrown exception counts as a technical failure).
 */
public interface OutboxSender {
  OutboxTarget target();

  SendOutcome send(OutboxEntry entry);
}
