package fr.officine.segur.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.pki.TestPki.TestClient;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client chain check on the certificates of the test PKI, whatever way a TLS stack sends the
 * chain: JSSE sends leaf → CA → root, OpenSSL (curl) the extra certificates in its own order, a
 * minimal client the leaf alone. The TLS refusals themselves: MutualTlsTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCertificateTrustTest {
  private TestPki pki;
  private ClientCertificateTrust trust;

  @BeforeAll
  void pki() {
    pki = TestPki.openOrCreate(InMemorySandboxTest.SHARED_PKI, Clock.systemUTC());
    trust = new ClientCertificateTrust(pki, Clock.systemUTC());
  }

  @AfterAll
  void close() {
    pki.close();
  }

  @Test
  void a_pharmacy_chain_is_accepted_in_any_order_with_or_without_its_ca_and_root()
      throws Exception {
    X509Certificate[] sent = chain(pki.pharmacyKeyStore("690100011"));
    X509Certificate leaf = sent[0];
    X509Certificate ca = sent[1];
    X509Certificate root = sent[2];

    for (X509Certificate[] variant :
        new X509Certificate[][] {
          {leaf, ca, root}, {leaf, root, ca}, {leaf, ca}, {leaf}, {leaf, root}
        }) {
      assertThatCode(() -> trust.verify(variant))
          .as(Arrays.toString(variant))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void a_root_sent_by_the_client_is_not_believed() throws Exception {
    X509Certificate[] wrongCa = chain(pki.testClientKeyStore(TestClient.WRONG_CA));

    assertThatThrownBy(() -> trust.verify(wrongCa))
        .isInstanceOfSatisfying(
            RefusedCertificate.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_ISSUER));
    // its "root" alone, self-signed, is no better
    assertThatThrownBy(() -> trust.verify(new X509Certificate[] {wrongCa[1]}))
        .isInstanceOfSatisfying(
            RefusedCertificate.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_ISSUER));
  }

  @Test
  void the_sandbox_server_certificate_is_not_a_client_certificate() throws Exception {
    X509Certificate[] server =
        Arrays.stream(
                TestPki.load(pki.directory().resolve("authority/server.p12"), pki.password())
                    .getCertificateChain("server"))
            .map(X509Certificate.class::cast)
            .toArray(X509Certificate[]::new);

    assertThatThrownBy(() -> trust.verify(server))
        .isInstanceOfSatisfying(
            RefusedCertificate.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_FOR_CLIENT_AUTH));
  }

  private X509Certificate[] chain(Path p12) throws Exception {
    return Arrays.stream(TestPki.load(p12, pki.password()).getCertificateChain(TestPki.ALIAS))
        .map(X509Certificate.class::cast)
        .toArray(X509Certificate[]::new);
  }
}
