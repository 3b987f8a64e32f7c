package fr.officine.segur.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pharmacy's signing ("cachet") credentials: the key and certificate that sign the VIHF sent to
 * the DMP. In sandbox mode, a test PKI is generated at first use under {@code
 * ${segur.data.dir}/pki}: a root named like the IGC-Santé test CA and one leaf per pharmacy (RSA
 * 2048), each stored as PKCS#12 protected by a generated password file. Nothing of it is in the
 * repository; a restart reuses what is there. The identity/trust issue extends this to mutual TLS
 * and real IGC-Santé certificates.
 */
@ApplicationScoped
public class PharmacyCredentials {
  private static final String ALIAS = "signing";
  private static final String ROOT = "root-ca";

  private Path directory;
  private final Map<String, Signing> cache = new ConcurrentHashMap<>();

  protected PharmacyCredentials() {}

  @Inject
  public PharmacyCredentials(
      @ConfigProperty(name = "segur.data.dir", defaultValue = "./data") String dataDir) {
    this(Path.of(dataDir, "pki"));
  }

  public PharmacyCredentials(Path directory) {
    this.directory = directory;
  }

  /** A private key, its certificate and the chain up to the root (leaf first). */
  public record Signing(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {}

  /** The signing credentials of the pharmacy {@code finess}, generated on first use in sandbox mode. */
  public Signing signing(String finess, String pharmacyName) {
    return cache.computeIfAbsent(finess, f -> loadOrCreate(f, pharmacyName));
  }

  private synchronized Signing loadOrCreate(String finess, String pharmacyName) {
    try {
      Files.createDirectories(directory);
      char[] password = password();
      Signing root = loadOrCreateRoot(password);
      Path file = directory.resolve("pharmacy-" + finess + ".p12");
      if (Files.exists(file)) {
        return load(file, password);
      }
      KeyPair keys = rsa();
      X500Name subject =
          new X500Name(
              "C=FR, O=" + rdn(pharmacyName) + ", OU=1" + finess + ", CN=" + rdn(pharmacyName)
                  + " (cachet serveur)");
      X509Certificate leaf =
          certificate(
              X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded()),
              subject, keys, root.key(), root.certificate(), false);
      Signing signing = new Signing(keys.getPrivate(), leaf, List.of(leaf, root.certificate()));
      store(file, signing, password);
      return signing;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the pharmacy's PKI in " + directory, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot create the sandbox PKI", e);
    }
  }

  private Signing loadOrCreateRoot(char[] password)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Path file = directory.resolve(ROOT + ".p12");
    if (Files.exists(file)) {
      return load(file, password);
    }
    KeyPair keys = rsa();
    X500Name name =
        new X500Name("C=FR, O=ASIP-SANTE, OU=IGC-SANTE TEST (bac à sable officine-segur), CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS");
    X509Certificate cert = certificate(name, name, keys, keys.getPrivate(), null, true);
    Signing root = new Signing(keys.getPrivate(), cert, List.of(cert));
    store(file, root, password);
    return root;
  }

  /** The password of the PKCS#12 files: generated once, readable by the module's user only. */
  private char[] password() throws IOException {
    Path file = directory.resolve("password");
    if (!Files.exists(file)) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      Path tmp = directory.resolve("password.tmp");
      Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own protection applies
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
    return Files.readString(file, StandardCharsets.US_ASCII).trim().toCharArray();
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static X509Certificate certificate(
      X500Name issuer,
      X500Name subject,
      KeyPair keys,
      PrivateKey issuerKey,
      X509Certificate issuerCert,
      boolean ca)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = Instant.now();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(64, new SecureRandom()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(ca ? 3650 : 1095))),
            subject,
            keys.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
    if (issuerCert != null) {
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
  }

  private static void store(Path file, Signing s, char[] password) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(ALIAS, s.key(), password, s.chain().toArray(new Certificate[0]));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      ks.store(out, password);
    }
    // atomic: a crash never leaves half a keystore that the next start would fail to read
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Signing load(Path file, char[] password) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password);
    }
    PrivateKey key = (PrivateKey) ks.getKey(ALIAS, password);
    Certificate[] chain = ks.getCertificateChain(ALIAS);
    List<X509Certificate> certs = java.util.Arrays.stream(chain).map(X509Certificate.class::cast).toList();
    return new Signing(key, certs.get(0), certs);
  }

  /** A value inside an RDN: commas and the like would change the DN's structure. */
  private static String rdn(String value) {
    return value.replaceAll("[,+=\"\\\\<>;#]", " ").trim();
  }
}
