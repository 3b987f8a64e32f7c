package fr.officine.segur.outbox;

import fr.officine.segur.api.dispensation.SendReason;

/**
 * Why a send stands as it does: the catalogue code, which behaviour matches on (reopen, route), and
 * the French text shown at the counter (the code's own, or with the service's detail).
 */
public record Reason(SendReason code, String text) {
  public Reason {
    if (code == null || text == null) {
      throw new IllegalArgumentException("a send reason has a code and a text");
    }
  }

  /** The code with its catalogue text. */
  public static Reason of(SendReason code) {
    return new Reason(code, code.text());
  }
}
