package fr.officine.segur.sandbox.insi;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * INSi accepts an organisation certificate only if its CN is {@code INSI-AUTO} (automatic calls) or
 * {@code INSI-MANU} (calls made by a person), else DESIR_560 (DOMAIN-FACTS §3.3). The rule applies
 * where a client certificate is visible: on the TLS listener (the certificate of the handshake);
 * the plain HTTP listener sees none and skips it.
 */
public final class CertificateRule {
  private CertificateRule() {}

  public static Optional<SiramFault> check(Optional<X509Certificate> clientCertificate) {
    if (clientCertificate.isEmpty()) {
      return Optional.empty();
    }
    String cn = commonName(clientCertificate.get().getSubjectX500Principal().getName());
    return cn.equals("INSI-AUTO") || cn.equals("INSI-MANU")
        ? Optional.empty()
        : Optional.of(SiramFault.wrongCertificate(cn));
  }

  static String commonName(String rfc2253) {
    try {
      for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
      return "";
    } catch (InvalidNameException e) {
      return "";
    }
  }
}
