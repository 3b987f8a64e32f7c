package fr.officine.segur.dmp;

/**
 * The DMP did not give a business answer: unreachable, too slow, HTTP 5xx, an infrastructure SOAP
 * fault, an unreadable answer. Always worth a retry later; {@code getMessage()} is French.
 */
public final class DmpUnavailable extends RuntimeException {
  public DmpUnavailable(String message, Throwable cause) {
    super(message, cause);
  }

  public DmpUnavailable(String message) {
    super(message);
  }
}
