package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.pki.TestPki;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A pharmacy's key pair and certificate as a test signs with them (VIHF, submission set). */
record TestPharmacy(KeyPair keys, X509Certificate certificate) {
  static final String MARCHE = "690100011";
  static final String ARCADES = "690100029";

  /** The pharmacy's signing ("cachet") certificate, as the suite's test PKI issued it. */
  static TestPharmacy seal(String finess) {
    return load(
        InMemorySandboxTest.SHARED_PKI
            .resolve(TestPki.ISSUED)
            .resolve(TestPki.pharmacySealFileName(finess)));
  }

  /** The pharmacy's authentication (TLS) certificate: not the one a DMP signature may use. */
  static TestPharmacy authentication(String finess) {
    return load(
        InMemorySandboxTest.SHARED_PKI
            .resolve(TestPki.ISSUED)
            .resolve(TestPki.pharmacyFileName(finess)));
  }

  /** A self-signed certificate naming the pharmacy: issued by no authority the DMP trusts. */
  static TestPharmacy selfSigned(String finess, String name) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair keys = g.generateKeyPair();
      X500Name dn = new X500Name("CN=" + name + ",OU=1" + finess + ",O=" + name + ",C=FR");
      Instant now = Instant.now();
      var builder =
          new JcaX509v3CertificateBuilder(
              dn,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              dn,
              keys.getPublic());
      var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
      return new TestPharmacy(
          keys, new JcaX509CertificateConverter().getCertificate(builder.build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static TestPharmacy load(Path p12) {
    try {
      char[] password =
          Files.readString(
                  InMemorySandboxTest.SHARED_PKI
                      .resolve(TestPki.ISSUED)
                      .resolve(TestPki.PASSWORD_FILE))
              .strip()
              .toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        ks.load(in, password);
      }
      X509Certificate certificate = (X509Certificate) ks.getCertificate(TestPki.ALIAS);
      PrivateKey key = (PrivateKey) ks.getKey(TestPki.ALIAS, password);
      return new TestPharmacy(new KeyPair(certificate.getPublicKey(), key), certificate);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + p12, e);
    }
  }
}
