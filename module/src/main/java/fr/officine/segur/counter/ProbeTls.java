package fr.officine.segur.counter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.Config;

/**
 * When the national services are reached over https with a client certificate (TLS contract:
 * {@code segur.pki.dir} holds {@code pharmacy-<FINESS>.p12}, {@code password} and {@code
 * trust-anchors.pem}), the probe presents one of the installed pharmacy certificates and trusts the
 * same anchors; without those files it uses the JVM's defaults.
 */
final class ProbeTls {
  private static final Logger LOG = Logger.getLogger(ProbeTls.class.getName());

  private ProbeTls() {}

  static Optional<SSLContext> context(Config config) {
    Path dir =
        config.getOptionalValue("segur.pki.dir", String.class)
            .map(Path::of)
            .orElseGet(
                () -> Path.of(config.getOptionalValue("segur.data.dir", String.class).orElse("./data"), "pki"));
    Path password = dir.resolve("password");
    Path anchors = dir.resolve("trust-anchors.pem");
    if (!Files.isRegularFile(password) || !Files.isRegularFile(anchors)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      Optional<Path> p12 =
          files.filter(f -> f.getFileName().toString().matches("pharmacy-\\d{9}\\.p12")).sorted().findFirst();
      if (p12.isEmpty()) {
        return Optional.empty();
      }
      char[] secret = Files.readString(password, StandardCharsets.UTF_8).strip().toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12.get())) {
        keys.load(in, secret);
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, secret);
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(anchors)) {
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trust.setCertificateEntry("anchor-" + i++, c);
        }
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return Optional.of(ctx);
    } catch (IOException | GeneralSecurityException e) {
      LOG.warning(() -> "Health probe: TLS material in " + dir + " unusable (" + e.getMessage() + "), JVM defaults used");
      return Optional.empty();
    }
  }
}
