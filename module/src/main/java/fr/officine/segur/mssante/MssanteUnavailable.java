package fr.officine.segur.mssante;

/** The operator or the directory did not answer, or answered "try later" (SMTP 4xx): retried. */
public final class MssanteUnavailable extends Exception {
  public MssanteUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
