package fr.officine.segur.sandbox.pki;

/** The test PKI cannot be generated, read or written: the sandbox cannot start its TLS listener. */
public final class PkiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PkiException(String message, Throwable cause) {
    super(message, cause);
  }

  public PkiException(String message) {
    super(message);
  }
}
