package fr.officine.segur.sandbox.dmp;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A pharmacy's signing ("cachet") key pair and self-signed certificate, made for the test run. */
record TestPharmacy(KeyPair keys, X509Certificate certificate) {
  static TestPharmacy create(String finess, String name) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair keys = g.generateKeyPair();
      X500Name dn = new X500Name("CN=" + name + ",OU=" + finess + ",O=" + name + ",C=FR");
      Instant now = Instant.now();
      var builder =
          new JcaX509v3CertificateBuilder(
              dn, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(365))), dn, keys.getPublic());
      var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new TestPharmacy(keys, certificate);
    } catch (NoSuchAlgorithmException | OperatorCreationException | java.security.cert.CertificateException e) {
      throw new IllegalStateException(e);
    }
  }
}
