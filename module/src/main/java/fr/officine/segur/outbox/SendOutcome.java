package fr.officine.segur.outbox;

/** What one attempt of a send gave; the reason is French, shown to the pharmacist as is. */
public sealed interface SendOutcome {
  String reason();

  /** Delivered (or found already delivered). */
  record Sent(String reason) implements SendOutcome {}

  /** Refused for a business reason: final, never retried. */
  record Refused(String reason) implements SendOutcome {}

  /** Nothing to send for this dispensation: final. */
  record NotApplicable(String reason) implements SendOutcome {}

  /** Technical failure (service down, slow, 5xx, infrastructure fault): retried with backoff. */
  record Failed(String reason) implements SendOutcome {}
}
