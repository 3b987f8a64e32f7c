package fr.officine.segur.sandbox.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * Whether a signature (VIHF, submission set) was made with a structure's signing certificate
 * ("cachet") of the test PKI, as the DMP requires (ANS, mapping VIHF: « signature XML-DSIG avec le
 * certificat de cachet de la structure de soins »): the same PKIX path, validity and CRL checks as
 * a TLS client certificate, then the purpose: nonRepudiation (contentCommitment) set and no TLS
 * client purpose, so the authentication certificate cannot stand in for the seal.
 */
public final class SealCertificates {
  private static final int NON_REPUDIATION = 1;
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final ClientCertificateTrust trust;

  public SealCertificates(TestPki pki, Clock clock) {
    this.trust = new ClientCertificateTrust(pki, clock);
  }

  /**
   * The Struct_IdNat a certificate of the PKI names: its OU ({@code 1<FINESS>} for a pharmacy, as
   * IGC-Santé writes organisation certificates).
   */
  public static Optional<String> structureId(X509Certificate certificate) {
    try {
      return new LdapName(certificate.getSubjectX500Principal().getName())
          .getRdns().stream()
              .filter(r -> "OU".equalsIgnoreCase(r.getType()))
              .map(r -> r.getValue().toString())
              .findFirst();
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }

  /** Empty when {@code chain} (leaf first) is a trusted seal, else why not, in French. */
  public Optional<String> refusal(List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      return Optional.of("aucun certificat dans KeyInfo/X509Data");
    }
    try {
      trust.verifyPath(chain.toArray(X509Certificate[]::new));
    } catch (RefusedCertificate e) {
      return Optional.of(
          "certificat non reconnu par l'IGC (" + e.refusal().text() + ") : " + e.subject());
    }
    X509Certificate leaf = chain.get(0);
    boolean[] usage = leaf.getKeyUsage();
    List<String> purposes;
    try {
      purposes = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return Optional.of("certificat illisible : " + e.getMessage());
    }
    boolean seal = usage != null && usage.length > NON_REPUDIATION && usage[NON_REPUDIATION];
    boolean tls = purposes != null && purposes.contains(CLIENT_AUTH);
    if (!seal || tls) {
      return Optional.of(
          Refusal.NOT_FOR_SIGNING.text()
              + " : "
              + leaf.getSubjectX500Principal().getName()
              + " n'est pas un certificat de cachet (nonRepudiation attendu, pas d'usage clientAuth)");
    }
    return Optional.empty();
  }
}
