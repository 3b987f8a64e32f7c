package fr.officine.segur.sandbox.pki;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Decides, during the handshake, whether a client certificate comes from the test PKI: PKIX path
 * validation to the test root (never to what the client sends as its root), the organisations CA's
 * CRL for the end entity (no network fetch: the CRL is handed to the validator), and the clientAuth
 * purpose. A refusal is a {@link RefusedCertificate} naming the reason.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_PURPOSE = "2.5.29.37.0";

  private final TestPki pki;
  private final Clock clock;

  ClientCertificateTrust(TestPki pki, Clock clock) {
    this.pki = pki;
    this.clock = clock;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verify(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the sandbox checks clients only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the sandbox checks clients only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the sandbox checks clients only");
  }

  /**
   * None named in the CertificateRequest. A client's key manager then presents the certificate it
   * has instead of silently presenting none when its CA is not listed: a wrong-CA client is refused
   * for what it is ("unknown issuer"), which is what the refusal log must say.
   */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  void verify(X509Certificate[] chain) throws RefusedCertificate {
    verifyPath(chain);
    checkPurpose(chain[0], chain[0].getSubjectX500Principal().getName());
  }

  /** PKIX path to the test root, validity at the real time, the end entity against the CRL. */
  void verifyPath(X509Certificate[] chain) throws RefusedCertificate {
    if (chain == null || chain.length == 0) {
      throw new RefusedCertificate(Refusal.NO_CERTIFICATE, "", "empty certificate chain", null);
    }
    X509Certificate leaf = chain[0];
    String subject = leaf.getSubjectX500Principal().getName();
    List<X509Certificate> path = path(chain);
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      CertPathValidator validator = CertPathValidator.getInstance("PKIX");
      PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
      // the end entity against the CRL handed over below; no OCSP, no download of a CRL DP
      revocation.setOptions(
          EnumSet.of(
              PKIXRevocationChecker.Option.ONLY_END_ENTITY,
              PKIXRevocationChecker.Option.PREFER_CRLS,
              PKIXRevocationChecker.Option.NO_FALLBACK));
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(pki.root(), null)));
      params.setRevocationEnabled(true);
      params.addCertPathChecker(revocation);
      params.addCertStore(
          CertStore.getInstance(
              "Collection", new CollectionCertStoreParameters(List.of(pki.crl()))));
      params.setDate(Date.from(clock.instant()));
      validator.validate(certPath, params);
    } catch (CertPathValidatorException e) {
      throw new RefusedCertificate(reason(e), subject, e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new RefusedCertificate(Refusal.INVALID, subject, e.getMessage(), e);
    }
  }

  private static void checkPurpose(X509Certificate leaf, String subject) throws RefusedCertificate {
    try {
      List<String> purposes = leaf.getExtendedKeyUsage();
      boolean[] usage = leaf.getKeyUsage();
      boolean clientAuth =
          purposes == null || purposes.contains(CLIENT_AUTH) || purposes.contains(ANY_PURPOSE);
      boolean signs = usage == null || usage[0];
      if (!clientAuth || !signs) {
        throw new RefusedCertificate(
            Refusal.NOT_FOR_CLIENT_AUTH,
            subject,
            "extendedKeyUsage " + purposes + ", digitalSignature " + signs,
            null);
      }
    } catch (CertificateParsingException e) {
      throw new RefusedCertificate(Refusal.INVALID, subject, e.getMessage(), e);
    }
  }

  /**
   * The path from the leaf up to (not including) a root, by issuer name, from what the client sent
   * in whatever order (OpenSSL clients do not send it leaf-first-then-up) plus the organisations CA
   * the sandbox knows (a client may send its leaf alone). A self-issued certificate at the top is
   * the client's idea of a root: dropped, the anchor is the sandbox's own.
   */
  private List<X509Certificate> path(X509Certificate[] chain) {
    List<X509Certificate> pool = new ArrayList<>(List.of(chain).subList(1, chain.length));
    pool.add(pki.organisationsCa());
    List<X509Certificate> path = new ArrayList<>(List.of(chain[0]));
    X509Certificate top = chain[0];
    while (!selfIssued(top)
        && !top.getIssuerX500Principal().equals(pki.root().getSubjectX500Principal())) {
      X500Principal issuer = top.getIssuerX500Principal();
      Optional<X509Certificate> next =
          pool.stream()
              .filter(c -> c.getSubjectX500Principal().equals(issuer) && !path.contains(c))
              .findFirst();
      if (next.isEmpty()) {
        break;
      }
      top = next.get();
      path.add(top);
    }
    if (path.size() > 1 && selfIssued(top)) {
      path.remove(path.size() - 1);
    }
    return path;
  }

  private static Refusal reason(CertPathValidatorException e) {
    if (e.getReason() instanceof BasicReason basic) {
      return switch (basic) {
        case EXPIRED -> Refusal.EXPIRED;
        case NOT_YET_VALID -> Refusal.NOT_YET_VALID;
        case REVOKED -> Refusal.REVOKED;
        case UNDETERMINED_REVOCATION_STATUS -> Refusal.REVOCATION_UNKNOWN;
        // a signature that does not verify under the CA named as issuer: not issued by it
        case INVALID_SIGNATURE -> Refusal.UNKNOWN_ISSUER;
        default -> Refusal.INVALID;
      };
    }
    if (e.getReason() == java.security.cert.PKIXReason.NO_TRUST_ANCHOR) {
      return Refusal.UNKNOWN_ISSUER;
    }
    return Refusal.INVALID;
  }

  private static boolean selfIssued(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
  }
}
