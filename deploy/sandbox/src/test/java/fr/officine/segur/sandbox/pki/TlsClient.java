package fr.officine.segur.sandbox.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client set up only from what a pharmacy is given ({@code issued/}): its PKCS#12 with the
 * password file, and trust-anchors.pem for the sandbox's server certificate.
 */
public final class TlsClient {
  private TlsClient() {}

  /** Presents the key entry of {@code p12} (nothing when null) and trusts the issued anchors. */
  public static SSLContext context(Path pkiDirectory, Path p12)
      throws IOException, GeneralSecurityException {
    Path issued = pkiDirectory.resolve(TestPki.ISSUED);
    char[] password = Files.readString(issued.resolve(TestPki.PASSWORD_FILE)).strip().toCharArray();
    KeyManager[] keys = null;
    if (p12 != null) {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(TestPki.load(p12, password), password);
      keys = kmf.getKeyManagers();
    }
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    try (InputStream in = Files.newInputStream(issued.resolve(TestPki.TRUST_ANCHORS_FILE))) {
      int i = 0;
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        anchors.setCertificateEntry("anchor-" + i++, (X509Certificate) c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(anchors);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys, tmf.getTrustManagers(), null);
    return context;
  }
}
