package fr.officine.segur.outbox;

import fr.officine.segur.api.dispensation.SendReason;

/**
 * What one attempt of a send gave: a code of the catalogue {@link SendReason} and the French reason
 * shown to the pharmacist as is (the code's text, or with the service's detail).
 */
public sealed interface SendOutcome {
  SendReason code();

  String reason();

  default Reason why() {
    return new Reason(code(), reason());
  }

  /** Delivered (or found already delivered). */
  record Sent(SendReason code, String reason) implements SendOutcome {
    public Sent(SendReason code) {
      this(code, code.text());
    }
  }

  /** Refused for a business reason: final, never retried ({@link RetryPolicy}). */
  record Refused(SendReason code, String reason) implements SendOutcome {
    public Refused(SendReason code) {
      this(code, code.text());
    }
  }

  /** Nothing to send for this dispensation: final. */
  record NotApplicable(SendReason code, String reason) implements SendOutcome {
    public NotApplicable(SendReason code) {
      this(code, code.text());
    }
  }

  /**
   * Technical failure (service down, slow, 5xx, infrastructure fault): retried with the target's
   * {@link RetryPolicy}.
   */
  record Failed(SendReason code, String reason) implements SendOutcome {
    public Failed(SendReason code) {
      this(code, code.text());
    }
  }
}
