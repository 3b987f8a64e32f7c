package fr.officine.segur.prescription;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;

/**
 * The base gave no usable answer (EPRESCRIPTION_UNAVAILABLE), with what the module knows of where
 * the request got: an execution that {@link Reach#NOT_REACHED never reached} the base was not
 * recorded there, for sure; one that {@link Reach#MAYBE_REACHED may have reached} it may have been
 * recorded, and only the base can tell (issue 10 §1).
 */
public final class BaseNoAnswer extends ProblemException {
  public enum Reach {
    /**
     * Nothing was processed: connection refused or timed out, unknown host, TLS handshake refused
     * (all before the request was written), or an HTTP answer saying the request was not handled
     * (503 or 429 from the service or its front, 4xx without SOAP, the base's own
     * EP_SERVICE_INDISPONIBLE fault). RFC 9110 §15.6.4: 503 means the server did not handle it.
     */
    NOT_REACHED,
    /** Written to the base, answer lost: read time-out, connection cut, 500/502/504, garbage. */
    MAYBE_REACHED
  }

  private final Reach reach;

  public BaseNoAnswer(Reach reach, String detail, Throwable cause) {
    this(reach, detail, null, cause);
  }

  public BaseNoAnswer(Reach reach, String detail, String lineId, Throwable cause) {
    super(ProblemType.EPRESCRIPTION_UNAVAILABLE, detail, lineId, cause);
    this.reach = reach;
  }

  public Reach reach() {
    return reach;
  }
}
