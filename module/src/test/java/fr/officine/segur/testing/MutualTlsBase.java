package fr.officine.segur.testing;

import fr.officine.segur.prescription.soap.StatutPrescription;
import fr.officine.segur.sandbox.pki.TestPki;
import fr.officine.segur.sandbox.pki.TestPki.TestClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.time.Clock;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real JAX-WS e-prescription base on an HTTPS loopback port that requires a client certificate
 * from a test PKI (the sandbox's IGC-Santé stand-in), with one open prescription, and what a
 * pharmacy installs from that PKI.
 */
public final class MutualTlsBase implements AutoCloseable {
  private final TestPki pki;
  private final FakeEPrescriptionBase base;
  private final String url;

  private MutualTlsBase(TestPki pki, FakeEPrescriptionBase base, String url) {
    this.pki = pki;
    this.base = base;
    this.url = url;
  }

  /** Started with prescription {@code number} open, one line of one box. */
  public static MutualTlsBase start(String number) throws Exception {
    TestPki pki = TestPki.temporary(Clock.systemUTC());
    FakeEPrescriptionBase base = new FakeEPrescriptionBase();
    String url = base.startTls(serverTls(pki)) + "/eprescription";
    base.add(number, StatutPrescription.OUVERTE, 1);
    return new MutualTlsBase(pki, base, url);
  }

  public TestPki pki() {
    return pki;
  }

  public FakeEPrescriptionBase base() {
    return base;
  }

  /** The endpoint, {@code https://127.0.0.1:<port>/eprescription}. */
  public String url() {
    return url;
  }

  /** What the pharmacy installed: a copy of what the authority issued. */
  public void installIssued(Path installed) throws IOException {
    try (var files = Files.list(pki.issuedDirectory())) {
      for (Path f : files.toList()) {
        Files.copy(f, installed.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Pharmacy {@code finess} now presents one of the PKI's refused (or other) test certificates. */
  public void installInstead(Path installed, String finess, TestClient with) throws IOException {
    Files.copy(
        pki.testClientKeyStore(with),
        installed.resolve("pharmacy-" + finess + ".p12"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    base.stop();
    pki.close();
  }

  /**
   * The service's side: the sandbox's server certificate, clients checked against the test root.
   */
  static SSLContext serverTls(TestPki pki) throws Exception {
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        Files.newInputStream(pki.directory().resolve("authority").resolve("server.p12"))) {
      server.load(in, pki.password());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(server, pki.password());
    KeyStore roots = KeyStore.getInstance("PKCS12");
    roots.load(null, null);
    roots.setCertificateEntry("root", pki.root());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(roots);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
