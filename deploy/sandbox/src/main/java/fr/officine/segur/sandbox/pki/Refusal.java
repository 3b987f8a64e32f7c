package fr.officine.segur.sandbox.pki;

/** Why the TLS listener refused a client at the handshake (logged, one line per refusal). */
public enum Refusal {
  NO_CERTIFICATE("no certificate"),
  EXPIRED("expired"),
  NOT_YET_VALID("not yet valid"),
  REVOKED("revoked"),
  UNKNOWN_ISSUER("unknown issuer"),
  /** The CRL could not be used (a sandbox defect, not the client's): refused rather than let in. */
  REVOCATION_UNKNOWN("revocation status unknown"),
  NOT_FOR_CLIENT_AUTH("not a TLS client certificate"),
  /** A signature made with a certificate that is not a signing ("cachet") one: nonRepudiation. */
  NOT_FOR_SIGNING("not a signing (cachet) certificate"),
  INVALID("invalid certificate"),
  /** Not about the certificate: protocol version, cipher suites, a client that hung up. */
  HANDSHAKE("handshake failed");

  private final String text;

  Refusal(String text) {
    this.text = text;
  }

  /** As the log line writes it: {@code expired}, {@code revoked}, {@code unknown issuer}... */
  public String text() {
    return text;
  }
}
