package fr.officine.segur.dispensation;

/** Where a dispensation stands with the e-prescription base (shared/DESIGN.md ▣, issue 10 §1). */
public enum DispensationStatus {
  /** stored, being sent: only until the base answers (or a crash left it so: then in doubt) */
  SUBMITTING,
  /** accepted by the base */
  RECORDED,
  /** definitively refused by the base (over-delivery, closed, expired, ...) */
  REFUSED,
  /**
   * never reached the base (refused connection, service down, TLS refused before sending, the base
   * saying it did not take it), or an in-doubt one the base confirmed it never recorded: final,
   * nothing is ever re-sent for it
   */
  NOT_RECORDED,
  /**
   * sent, answer lost (read time-out, connection cut after sending): the base may have recorded it;
   * settled by asking the base (recovery task, or a pharmacist's check or cancel)
   */
  IN_DOUBT;

  /** Whether the base's word may still change it. */
  public boolean unsettled() {
    return this == SUBMITTING || this == IN_DOUBT;
  }
}
