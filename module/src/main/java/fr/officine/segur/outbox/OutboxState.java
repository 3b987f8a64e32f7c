package fr.officine.segur.outbox;

/** Where one send stands; only PENDING moves again. */
public enum OutboxState {
  /** To send, or to resend after a technical failure (at {@code next_attempt_at}). */
  PENDING,
  SENT,
  /**
   * Refused by the service for a business reason (opposition, blocked professional): never retried.
   */
  REFUSED,
  /** Nothing to send to this service for this dispensation (no DMP, no qualified INS...). */
  NOT_APPLICABLE
}
