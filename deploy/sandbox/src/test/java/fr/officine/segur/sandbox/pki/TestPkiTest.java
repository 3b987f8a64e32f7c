package fr.officine.segur.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.RunningSandbox;
import fr.officine.segur.sandbox.Sandbox;
import fr.officine.segur.sandbox.SandboxConfig;
import fr.officine.segur.sandbox.pki.TestPki.TestClient;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of the test PKI as COMMON's TLS contract lays them out, what each certificate says, and
 * their life: generated at the first start under the data dir, read back (not regenerated) on the
 * next, in a temporary directory deleted at close for an in-memory sandbox.
 */
class TestPkiTest {
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  @Test
  void first_start_lays_out_the_contract_files_and_a_restart_reuses_them(@TempDir Path data)
      throws Exception {
    String rootFingerprint;
    byte[] pharmacyA;
    String password;
    long firstStart = System.nanoTime();
    try (RunningSandbox sandbox = Sandbox.start(SandboxConfig.inMemory().withDataDir(data))) {
      System.out.printf(
          "first start with PKI generation: %d ms%n", (System.nanoTime() - firstStart) / 1_000_000);
      Path pki = sandbox.pkiDirectory();
      assertThat(pki).isEqualTo(data.resolve("pki"));
      for (String file :
          List.of(
              "authority/crl.pem",
              "issued/pharmacy-690100011.p12",
              "issued/pharmacy-690100029.p12",
              "issued/pharmacy-690100011-sign.p12",
              "issued/pharmacy-690100029-sign.p12",
              "issued/password",
              "issued/trust-anchors.pem",
              "test-clients/expired.p12",
              "test-clients/revoked.p12",
              "test-clients/wrong-ca.p12",
              "test-clients/wrong-cn.p12")) {
        assertThat(pki.resolve(file)).as(file).isRegularFile();
      }
      Path passwordFile = pki.resolve("issued/password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
          .isEqualTo("rw-------");
      password = Files.readString(passwordFile);
      assertThat(password).matches("[A-Za-z0-9_-]{24}\n");
      assertThat(Files.list(pki.resolve("issued")).map(p -> p.getFileName().toString()))
          .as("issued/ holds what a pharmacy receives, no CA key")
          .containsExactlyInAnyOrder(
              "pharmacy-690100011.p12",
              "pharmacy-690100029.p12",
              "pharmacy-690100011-sign.p12",
              "pharmacy-690100029-sign.p12",
              "password",
              "trust-anchors.pem");
      rootFingerprint = fingerprint(anchor(pki));
      pharmacyA = Files.readAllBytes(pki.resolve("issued/pharmacy-690100011.p12"));
    }

    long secondStart = System.nanoTime();
    try (RunningSandbox again = Sandbox.start(SandboxConfig.inMemory().withDataDir(data))) {
      System.out.printf(
          "restart reading the PKI: %d ms%n", (System.nanoTime() - secondStart) / 1_000_000);
      assertThat(fingerprint(anchor(again.pkiDirectory()))).isEqualTo(rootFingerprint);
      assertThat(fingerprint(again.pki().root())).isEqualTo(rootFingerprint);
      assertThat(Files.readString(again.pkiDirectory().resolve("issued/password")))
          .isEqualTo(password);
      assertThat(Files.readAllBytes(again.pkiDirectory().resolve("issued/pharmacy-690100011.p12")))
          .isEqualTo(pharmacyA);
    }
  }

  @Test
  void pharmacy_certificates_mirror_igc_sante_organisation_certificates(@TempDir Path dir)
      throws Exception {
    try (TestPki pki = TestPki.openOrCreate(dir, Clock.systemUTC())) {
      for (TestPki.Organisation pharmacy : TestPki.PHARMACIES) {
        KeyStore p12 = TestPki.load(pki.pharmacyKeyStore(pharmacy.finess()), pki.password());
        assertThat(p12.aliases().asIterator()).toIterable().containsExactly("pharmacy");
        Certificate[] chain = p12.getCertificateChain("pharmacy");
        assertThat(chain).hasSize(3);
        X509Certificate leaf = (X509Certificate) chain[0];
        assertThat(leaf.getSubjectX500Principal().getName())
            .isEqualTo("CN=INSI-AUTO,OU=1" + pharmacy.finess() + ",O=" + pharmacy.name() + ",C=FR");
        assertThat(leaf.getIssuerX500Principal().getName())
            .isEqualTo(
                "CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS,OU=IGC-SANTE TEST,O=SANDBOX OFFICINE-SEGUR,C=FR");
        assertThat(((X509Certificate) chain[2]).getSubjectX500Principal().getName())
            .startsWith("CN=TEST AC RACINE IGC-SANTE,");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        boolean[] usage = leaf.getKeyUsage();
        // authentication: TLS client only (digitalSignature + clientAuth), never a seal
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[1]).as("nonRepudiation").isFalse();
        assertThat(usage[5]).as("keyCertSign").isFalse();
        // the signing certificate ("cachet"): nonRepudiation, no TLS purpose, same structure (OU)
        KeyStore sealP12 =
            TestPki.load(pki.pharmacySealKeyStore(pharmacy.finess()), pki.password());
        X509Certificate seal = (X509Certificate) sealP12.getCertificateChain("pharmacy")[0];
        assertThat(seal.getSubjectX500Principal().getName())
            .contains("OU=1" + pharmacy.finess(), "CACHET");
        assertThat(seal.getKeyUsage()[1]).as("nonRepudiation").isTrue();
        assertThat(seal.getExtendedKeyUsage()).isNull();
        assertThat(seal.getPublicKey()).isNotEqualTo(leaf.getPublicKey());
        seal.verify(pki.organisationsCa().getPublicKey());
        assertThat(((RSAKey) leaf.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        leaf.verify(pki.organisationsCa().getPublicKey());
        pki.organisationsCa().verify(pki.root().getPublicKey());
        assertThat(pki.organisationsCa().getBasicConstraints()).isZero();
      }
      Certificate[] server =
          TestPki.load(dir.resolve("authority/server.p12"), pki.password())
              .getCertificateChain("server");
      X509Certificate serverLeaf = (X509Certificate) server[0];
      assertThat(serverLeaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
      assertThat(serverLeaf.getSubjectAlternativeNames())
          .extracting(n -> n.get(0) + "=" + n.get(1))
          .containsExactlyInAnyOrder("7=127.0.0.1", "2=localhost");
      serverLeaf.verify(pki.organisationsCa().getPublicKey());
    }
  }

  @Test
  void test_clients_are_each_wrong_in_exactly_one_way(@TempDir Path dir) throws Exception {
    try (TestPki pki = TestPki.openOrCreate(dir, Clock.systemUTC())) {
      X509Certificate expired = leaf(pki, TestClient.EXPIRED);
      assertThat(expired.getNotAfter()).isBefore(new Date());
      expired.verify(pki.organisationsCa().getPublicKey());

      X509Certificate revoked = leaf(pki, TestClient.REVOKED);
      assertThat(pki.crl().isRevoked(revoked)).isTrue();
      revoked.checkValidity();

      X509Certificate wrongCa = leaf(pki, TestClient.WRONG_CA);
      assertThat(wrongCa.getSubjectX500Principal().getName()).startsWith("CN=INSI-AUTO,");
      assertThat(wrongCa.getIssuerX500Principal())
          .isNotEqualTo(pki.organisationsCa().getSubjectX500Principal());
      wrongCa.checkValidity();

      X509Certificate wrongCn = leaf(pki, TestClient.WRONG_CN);
      assertThat(wrongCn.getSubjectX500Principal().getName()).startsWith("CN=PHARMACIE DU MARCHÉ,");
      assertThat(pki.crl().isRevoked(wrongCn)).isFalse();
      wrongCn.verify(pki.organisationsCa().getPublicKey());
      wrongCn.checkValidity();
    }
  }

  @Test
  void a_crl_close_to_its_next_update_is_reissued_with_the_next_number(@TempDir Path dir)
      throws Exception {
    try (TestPki pki = TestPki.openOrCreate(dir, Clock.systemUTC())) {
      assertThat(crlNumber(pki.crl().getExtensionValue(Extension.cRLNumber.getId())))
          .isEqualTo(BigInteger.ONE);
    }
    Instant in25Days = Instant.now().plus(Duration.ofDays(25));
    try (TestPki later = TestPki.openOrCreate(dir, Clock.fixed(in25Days, ZoneOffset.UTC))) {
      var crl = later.crl();
      assertThat(crl.getNextUpdate().toInstant()).isAfter(in25Days.plus(Duration.ofDays(7)));
      assertThat(crlNumber(crl.getExtensionValue(Extension.cRLNumber.getId())))
          .isEqualTo(BigInteger.TWO);
      assertThat(crl.isRevoked(leaf(later, TestClient.REVOKED))).isTrue();
      // the file, which the next start reads, is the new one
      try (InputStream in = Files.newInputStream(dir.resolve("authority/crl.pem"))) {
        assertThat(CertificateFactory.getInstance("X.509").generateCRL(in)).isEqualTo(crl);
      }
    }
  }

  @Test
  void an_in_memory_sandbox_keeps_its_pki_in_a_temporary_directory_deleted_at_close()
      throws Exception {
    Path pki;
    try (RunningSandbox sandbox = Sandbox.start(SandboxConfig.inMemory())) {
      pki = sandbox.pkiDirectory();
      assertThat(pki.resolve("issued/pharmacy-690100011.p12")).isRegularFile();
    }
    assertThat(pki).doesNotExist();
  }

  private static X509Certificate leaf(TestPki pki, TestClient client) throws Exception {
    return (X509Certificate)
        TestPki.load(pki.testClientKeyStore(client), pki.password()).getCertificate("pharmacy");
  }

  private static X509Certificate anchor(Path pki) throws Exception {
    try (InputStream in = Files.newInputStream(pki.resolve("issued/trust-anchors.pem"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static String fingerprint(X509Certificate c) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
  }

  private static BigInteger crlNumber(byte[] extension) {
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getValue();
  }
}
