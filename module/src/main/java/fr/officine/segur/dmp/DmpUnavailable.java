package fr.officine.segur.dmp;

/**
 * The DMP did not give a business answer: unreachable, too slow, HTTP 5xx, an infrastructure SOAP
 * fault, an unreadable answer. Always worth a retry later; {@code getMessage()} is French.
 *
 * <p>{@link #outcomeUnknown()}: the request may have reached the DMP and been done there (no answer
 * within the timeout, the connection cut once the request was out), unlike a refused connection or
 * an answer that says the service is down. A send in that state is asked about (ITI-18) before it
 * is sent again.
 */
public final class DmpUnavailable extends RuntimeException {
  private final boolean outcomeUnknown;

  public DmpUnavailable(String message, Throwable cause, boolean outcomeUnknown) {
    super(message, cause);
    this.outcomeUnknown = outcomeUnknown;
  }

  public DmpUnavailable(String message, Throwable cause) {
    this(message, cause, false);
  }

  public DmpUnavailable(String message) {
    this(message, null, false);
  }

  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
