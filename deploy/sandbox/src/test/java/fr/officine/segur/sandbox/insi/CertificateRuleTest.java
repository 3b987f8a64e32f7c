package fr.officine.segur.sandbox.insi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The INSi certificate rule on real certificates made by the JDK's keytool: CN INSI-AUTO or
 * INSI-MANU pass, any other CN is DESIR_560, no certificate (the plain HTTP port) is not checked.
 * On the TLS port: MutualTlsTest.
 */
class CertificateRuleTest {
  @TempDir Path dir;

  @Test
  void insi_auto_and_insi_manu_pass_any_other_cn_is_desir_560() throws Exception {
    assertThat(
            CertificateRule.check(
                Optional.of(
                    certificate("CN=INSI-AUTO, OU=690100011, O=Pharmacie du Marché, C=FR"))))
        .isEmpty();
    assertThat(
            CertificateRule.check(
                Optional.of(
                    certificate("CN=INSI-MANU, OU=690100011, O=Pharmacie du Marché, C=FR"))))
        .isEmpty();
    assertThat(
            CertificateRule.check(
                Optional.of(certificate("CN=PHARMACIE DU MARCHE, O=Pharmacie du Marché, C=FR"))))
        .hasValueSatisfying(
            f -> {
              assertThat(f.code()).hasValue("DESIR_560");
              assertThat(f.subcode()).isEqualTo("siram_100");
              assertThat(f.text()).contains("PHARMACIE DU MARCHE");
            });
  }

  @Test
  void without_a_visible_certificate_the_rule_is_not_applied() {
    assertThat(CertificateRule.check(Optional.empty())).isEmpty();
  }

  private X509Certificate certificate(String dname) throws Exception {
    Path store = dir.resolve(Math.abs(dname.hashCode()) + ".p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "org",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                dname,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(output).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    return (X509Certificate) ks.getCertificate("org");
  }
}
