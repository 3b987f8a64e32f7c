package fr.officine.segur.mssante;

/**
 * The operator refused the message for good (SMTP 5xx: sender, recipient or content): not retried.
 */
public final class MssanteRefused extends Exception {
  private final int replyCode;

  public MssanteRefused(int replyCode, String message, Throwable cause) {
    super(message, cause);
    this.replyCode = replyCode;
  }

  public int replyCode() {
    return replyCode;
  }
}
