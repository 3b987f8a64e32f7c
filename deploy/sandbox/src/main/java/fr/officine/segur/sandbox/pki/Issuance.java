package fr.officine.segur.sandbox.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates and CRLs of the test PKI, made with Bouncy Castle's builders and signed through the
 * JDK's own providers (no provider is registered: nothing global changes in the JVM).
 */
final class Issuance {
  static final String SIGNATURE = "SHA256withRSA";

  private final SecureRandom random;

  Issuance(SecureRandom random) {
    this.random = random;
  }

  /** {@code C=FR, O=…, [OU=…,] CN=…} in that order, as IGC-Santé writes its names. */
  static X500Name name(String organisation, String unit, String commonName) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR");
    b.addRDN(BCStyle.O, organisation);
    if (unit != null) {
      b.addRDN(BCStyle.OU, unit);
    }
    return b.addRDN(BCStyle.CN, commonName).build();
  }

  X509Certificate selfSignedCa(X500Name name, KeyPair keys, Instant from, Instant to) {
    try {
      X509v3CertificateBuilder b = builder(name, name, keys.getPublic(), from, to);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      return sign(b, keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new PkiException("cannot issue the root " + name, e);
    }
  }

  /** A CA under {@code issuer} that issues end entities only (path length 0). */
  X509Certificate subordinateCa(
      X500Name name,
      PublicKey key,
      X509Certificate issuer,
      PrivateKey issuerKey,
      Instant from,
      Instant to) {
    try {
      X509v3CertificateBuilder b =
          builder(
              X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
              name,
              key,
              from,
              to);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
      return sign(b, issuerKey);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new PkiException("cannot issue the CA " + name, e);
    }
  }

  /**
   * An organisation's authentication certificate: TLS client only (digitalSignature + clientAuth).
   * IGC-Santé issues a structure two certificates, each for one use: this one opens the TLS
   * sessions to the national services, the {@link #sealLeaf seal} signs what the structure vouches
   * for.
   */
  X509Certificate clientLeaf(
      X500Name name,
      PublicKey key,
      X509Certificate issuer,
      PrivateKey issuerKey,
      Instant from,
      Instant to) {
    return leaf(
        name,
        key,
        issuer,
        issuerKey,
        from,
        to,
        new KeyUsage(KeyUsage.digitalSignature),
        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth),
        null);
  }

  /**
   * An organisation's signing certificate ("cachet", organisation seal): nonRepudiation
   * (contentCommitment) and digitalSignature, no TLS purpose. It signs the VIHF and the submission
   * set the DMP receives (ANS mapping VIHF: « signature XML-DSIG avec le certificat de cachet de la
   * structure de soins »).
   */
  X509Certificate sealLeaf(
      X500Name name,
      PublicKey key,
      X509Certificate issuer,
      PrivateKey issuerKey,
      Instant from,
      Instant to) {
    return leaf(
        name,
        key,
        issuer,
        issuerKey,
        from,
        to,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation),
        null,
        null);
  }

  /** The sandbox's TLS server certificate; clients check the host name against the SAN. */
  X509Certificate serverLeaf(
      X500Name name,
      PublicKey key,
      X509Certificate issuer,
      PrivateKey issuerKey,
      Instant from,
      Instant to,
      List<GeneralName> alternativeNames) {
    return leaf(
        name,
        key,
        issuer,
        issuerKey,
        from,
        to,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment),
        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth),
        new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
  }

  private X509Certificate leaf(
      X500Name name,
      PublicKey key,
      X509Certificate issuer,
      PrivateKey issuerKey,
      Instant from,
      Instant to,
      KeyUsage usage,
      ExtendedKeyUsage purposes,
      GeneralNames alternativeNames) {
    try {
      X509v3CertificateBuilder b =
          builder(
              X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
              name,
              key,
              from,
              to);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, usage);
      if (purposes != null) {
        b.addExtension(Extension.extendedKeyUsage, false, purposes);
      }
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
      if (alternativeNames != null) {
        b.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
      }
      return sign(b, issuerKey);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new PkiException("cannot issue " + name, e);
    }
  }

  /** A CRL entry: which serial, since when. */
  record Revocation(BigInteger serial, Date since) {
    /** Revoked from its start: a test certificate made never to be trusted. */
    static Revocation of(X509Certificate c) {
      return new Revocation(c.getSerialNumber(), c.getNotBefore());
    }
  }

  /**
   * The CA's CRL listing {@code revoked} (key compromise), valid from {@code now} to {@code
   * nextUpdate}.
   */
  X509CRL crl(
      X509Certificate ca,
      PrivateKey caKey,
      List<Revocation> revoked,
      BigInteger number,
      Instant now,
      Instant nextUpdate) {
    try {
      X509v2CRLBuilder b = new JcaX509v2CRLBuilder(ca.getSubjectX500Principal(), Date.from(now));
      b.setNextUpdate(Date.from(nextUpdate));
      for (Revocation r : revoked) {
        b.addCRLEntry(r.serial(), r.since(), CRLReason.keyCompromise);
      }
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      return new JcaX509CRLConverter()
          .getCRL(b.build(new JcaContentSignerBuilder(SIGNATURE).build(caKey)));
    } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
      throw new PkiException("cannot issue the CRL of " + ca.getSubjectX500Principal(), e);
    }
  }

  private X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, PublicKey key, Instant from, Instant to) {
    // positive, 63 bits: unique enough for a test PKI, and what a CRL entry names
    BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);
    return new JcaX509v3CertificateBuilder(
        issuer, serial, Date.from(from), Date.from(to), subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
