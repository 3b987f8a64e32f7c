package fr.officine.segur.trust.tls;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.PharmacyCredentials;
import fr.officine.segur.trust.PharmacyCredentials.Signing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS of the national services' clients: one SSLContext per pharmacy (FINESS), presenting that
 * pharmacy's organisation certificate and trusting only {@code trust-anchors.pem} (never the JDK's
 * default trust store, never "trust all"). Hostname verification is left to the HTTP clients, which
 * keep it on.
 *
 * <p>A context is built once per certificate and reused: the JDK caches TLS sessions and keep-alive
 * connections per SSLSocketFactory instance, so the same factory for the same pharmacy is what
 * makes the second call cheap, and different factories keep two pharmacies' connections apart (a
 * connection authenticated as pharmacy A is never reused for pharmacy B).
 */
@ApplicationScoped
public class NationalServiceTls {
  private PharmacyCredentials credentials;
  private final Map<String, ClientTls> contexts = new ConcurrentHashMap<>();

  protected NationalServiceTls() {}

  @Inject
  public NationalServiceTls(PharmacyCredentials credentials) {
    this.credentials = credentials;
  }

  /**
   * The SSLContext of one pharmacy, and its one socket factory.
   *
   * @param signing what the context was built from: a renewed certificate means a new context
   */
  public record ClientTls(Signing signing, SSLContext context, SSLSocketFactory socketFactory) {}

  /**
   * For clients that only ever call over plain HTTP (tests): asking it for TLS is a clear problem.
   */
  public static NationalServiceTls plainHttpOnly() {
    return new NationalServiceTls(
        new PharmacyCredentials(java.nio.file.Path.of("segur.pki.dir-not-configured")));
  }

  /** Whether calls to this address need a client certificate at all. */
  public static boolean isTls(String url) {
    return url.regionMatches(true, 0, "https:", 0, 6);
  }

  /**
   * The TLS of pharmacy {@code finess}, rebuilt when its certificate file changed.
   *
   * @throws ProblemException when the certificate or the trust anchors are missing or invalid
   */
  public ClientTls forPharmacy(String finess) {
    Signing signing = credentials.authentication(finess);
    List<X509Certificate> anchors = credentials.trustAnchors();
    return contexts.compute(
        finess,
        (f, current) ->
            current != null && current.signing() == signing ? current : build(signing, anchors));
  }

  private ClientTls build(Signing signing, List<X509Certificate> anchors) {
    try {
      char[] none = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "pharmacy", signing.key(), none, signing.chain().toArray(new Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, none);

      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      for (int i = 0; i < anchors.size(); i++) {
        trusted.setCertificateEntry("anchor-" + i, anchors.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trusted);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return new ClientTls(signing, context, context.getSocketFactory());
    } catch (GeneralSecurityException | IOException e) {
      throw new ProblemException(
          ProblemType.ORGANISATION_CERTIFICATE_MISSING,
          "Certificat de l'organisation inutilisable pour TLS ("
              + e.getMessage()
              + ") : "
              + credentials.directory(),
          null,
          e);
    }
  }

  /**
   * When a call over https failed because of TLS, what the pharmacist is told: the service refused
   * the pharmacy's certificate (its alert says why), or the module did not recognise the service's.
   * Empty when TLS was not the reason (the caller's own "unavailable" applies).
   *
   * <p>With TLS 1.3 the service judges the client certificate after the client has finished its
   * side of the handshake, so an HTTP client often sees only a broken write or a reset, not the
   * alert. Then one TLS 1.2 handshake on a fresh connection, where the verdict is part of the
   * handshake, tells. Not done when the service was simply unreachable or slow.
   */
  public Optional<ProblemException> explain(
      Throwable failure, String finess, String url, int timeoutMs, String service) {
    if (unreachable(failure)) {
      return Optional.empty();
    }
    Optional<ProblemException> seen = refusal(failure, service);
    if (seen.isPresent() || !isTls(url)) {
      return seen;
    }
    URI uri = URI.create(url);
    try (SSLSocket socket = (SSLSocket) forPharmacy(finess).socketFactory().createSocket()) {
      socket.connect(
          new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 443 : uri.getPort()), timeoutMs);
      socket.setSoTimeout(timeoutMs);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setProtocols(new String[] {"TLSv1.2"});
      socket.setSSLParameters(parameters);
      try {
        socket.startHandshake();
        return Optional.empty();
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      } catch (IOException e) {
        // connected, then dropped in the handshake: a broken pipe or a reset is how many servers
        // (the JDK's among them) refuse a client certificate
        return refusal(
            e instanceof SSLException ? e : new SSLException(e.getMessage(), e), service);
      }
    } catch (IOException | ProblemException e) {
      return Optional.empty();
    }
  }

  private static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof SocketTimeoutException
          || t instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The TLS failure in {@code failure}'s causes, in French: the module refused the service's
   * certificate (a certificate check failed on our side), or the service refused the pharmacy's
   * (its alert, when it sent one, says why; many servers just close the handshake).
   */
  static Optional<ProblemException> refusal(Throwable failure, String service) {
    SSLException ssl = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (ssl == null && t instanceof SSLException s) {
        ssl = s;
      }
      if (ssl != null && t instanceof GeneralSecurityException check) {
        return Optional.of(
            problem(
                "Le certificat de "
                    + service.toLowerCase(java.util.Locale.FRENCH).replaceFirst("^(le |la )", "")
                    + " n'est pas reconnu par le module ("
                    + check.getMessage()
                    + ") : vérifiez trust-anchors.pem et l'adresse configurée.",
                failure));
      }
    }
    if (ssl == null) {
      return Optional.empty();
    }
    String message = String.valueOf(ssl.getMessage());
    String why;
    if (message.contains("certificate_revoked")) {
      why = " : il est révoqué.";
    } else if (message.contains("certificate_expired")) {
      why = " : il est expiré.";
    } else if (message.contains("Received fatal alert")) {
      why =
          " ("
              + message.replace("Received fatal alert: ", "")
              + ") : il n'est pas reconnu par le service.";
    } else {
      why =
          " (connexion sécurisée interrompue par le service) : certificat révoqué, expiré ou non reconnu.";
    }
    return Optional.of(
        problem(service + " a refusé le certificat de l'organisation" + why, failure));
  }

  private static ProblemException problem(String detail, Throwable cause) {
    return new ProblemException(ProblemType.ORGANISATION_CERTIFICATE_INVALID, detail, null, cause);
  }
}
