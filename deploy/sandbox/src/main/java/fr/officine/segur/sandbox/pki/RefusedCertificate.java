package fr.officine.segur.sandbox.pki;

import java.security.cert.CertificateException;

/**
 * Thrown by {@link ClientCertificateTrust} into the JDK's handshake: the handshake fails with it as
 * a cause, so whoever logs the failure can tell why without parsing messages.
 */
final class RefusedCertificate extends CertificateException {
  private static final long serialVersionUID = 1L;

  private final Refusal refusal;
  private final String subject;

  RefusedCertificate(Refusal refusal, String subject, String detail, Throwable cause) {
    super(refusal.text() + ": " + detail, cause);
    this.refusal = refusal;
    this.subject = subject;
  }

  Refusal refusal() {
    return refusal;
  }

  /** The client certificate's subject (RFC 2253), empty when there was none. */
  String subject() {
    return subject;
  }
}
