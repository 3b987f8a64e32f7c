package fr.officine.segur.sandbox.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The sandbox's stand-in for IGC-Santé (the ANS's PKI): a test root, the "organisations" CA that
 * issues the pharmacies' certificates and the sandbox's server certificate, a CRL, and the
 * certificates tests use to be refused. Each pharmacy gets two certificates, each for its use: the
 * authentication one (TLS client to the national services: digitalSignature + clientAuth) and the
 * signing one, "cachet" (nonRepudiation: signs the VIHF and the submission set sent to the DMP).
 * Generated at first start under {@code <dir>}, read back on the next starts (the module installs
 * what it was given once), never committed.
 *
 * <pre>
 * authority/     root.p12, organisations-ca.p12, server.p12 (CA and server keys), crl.pem
 * issued/        pharmacy-&lt;FINESS&gt;.p12 (authentication, alias "pharmacy"),
 *                pharmacy-&lt;FINESS&gt;-sign.p12 (cachet, alias "pharmacy"), password (0600), trust-anchors.pem
 * test-clients/  expired.p12, revoked.p12, wrong-ca.p12, wrong-cn.p12 (alias "pharmacy", same password)
 * </pre>
 *
 * <p>Validity is checked against the real time ({@link Clock} given by the caller), not the
 * sandbox's movable "today": a TLS peer checks certificates against its own clock.
 */
public final class TestPki implements AutoCloseable {
  public static final String ROOT_CN = "TEST AC RACINE IGC-SANTE";
  public static final String ORGANISATIONS_CA_CN = "TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS";

  /** Where IGC-Santé writes "TEST": the PKI's own organisation in every CA name. */
  static final String PKI_ORGANISATION = "SANDBOX OFFICINE-SEGUR";

  static final String PKI_UNIT = "IGC-SANTE TEST";

  /** The CN INSi wants for calls made by software with no person behind (DOMAIN-FACTS §3.3). */
  public static final String INSI_AUTO = "INSI-AUTO";

  /** The alias of the key entry in every client PKCS#12 (pharmacies and test clients). */
  public static final String ALIAS = "pharmacy";

  public static final String AUTHORITY = "authority";
  public static final String ISSUED = "issued";
  public static final String TEST_CLIENTS = "test-clients";
  public static final String PASSWORD_FILE = "password";
  public static final String TRUST_ANCHORS_FILE = "trust-anchors.pem";
  public static final String CRL_FILE = "crl.pem";
  static final String ROOT_FILE = "root.p12";
  static final String ORGANISATIONS_CA_FILE = "organisations-ca.p12";
  static final String SERVER_FILE = "server.p12";

  /** The pharmacies the sandbox knows (COMMON reference data); each gets its certificate. */
  public static final List<Organisation> PHARMACIES =
      List.of(
          new Organisation("690100011", "Pharmacie du Marché"),
          new Organisation("690100029", "Pharmacie des Arcades"));

  /** A CRL is re-issued at start (and on use) when it has less than this left to live. */
  static final Duration CRL_VALIDITY = Duration.ofDays(30);

  static final Duration CRL_RENEW_BEFORE = Duration.ofDays(7);

  private static final int RSA_BITS = 2048;
  private static final System.Logger LOG = System.getLogger(TestPki.class.getName());

  /** A pharmacy (structure) the PKI issues a certificate to. */
  public record Organisation(String finess, String name) {}

  /** The certificates made to be refused (or, wrong-cn, accepted by TLS and refused by INSi). */
  public enum TestClient {
    /** Right CA, not valid any more. */
    EXPIRED("expired.p12"),
    /** Right CA, listed in the organisations CA's CRL. */
    REVOKED("revoked.p12"),
    /** Issued by another self-made root, not the test root. */
    WRONG_CA("wrong-ca.p12"),
    /** Right CA, valid, but CN is not INSI-AUTO / INSI-MANU. */
    WRONG_CN("wrong-cn.p12");

    private final String fileName;

    TestClient(String fileName) {
      this.fileName = fileName;
    }

    public String fileName() {
      return fileName;
    }
  }

  private final Path directory;
  private final Clock clock;
  private final boolean temporary;
  private final char[] password;
  private final X509Certificate root;
  private final X509Certificate organisationsCa;
  private final PrivateKey organisationsCaKey;
  private final KeyStore server;
  private final Issuance issuance;
  private X509CRL crl;

  private TestPki(Path directory, Clock clock, boolean temporary, Material m) {
    this.directory = directory;
    this.clock = clock;
    this.temporary = temporary;
    this.password = m.password;
    this.root = m.root;
    this.organisationsCa = m.organisationsCa;
    this.organisationsCaKey = m.organisationsCaKey;
    this.server = m.server;
    this.crl = m.crl;
    this.issuance = new Issuance(new SecureRandom());
  }

  /** Reads the PKI under {@code directory}, or generates it there when it is not (all) there. */
  public static TestPki openOrCreate(Path directory, Clock clock) {
    return open(directory, clock, false);
  }

  /** A PKI in a new temporary directory, deleted by {@link #close()} (the in-memory sandbox). */
  public static TestPki temporary(Clock clock) {
    Path directory;
    try {
      directory = Files.createTempDirectory("sandbox-pki-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the test PKI", e);
    }
    try {
      return open(directory, clock, true);
    } catch (RuntimeException e) {
      deleteRecursively(directory);
      throw e;
    }
  }

  private static TestPki open(Path directory, Clock clock, boolean temporary) {
    Material m;
    if (complete(directory)) {
      m = Material.read(directory);
    } else {
      long start = System.nanoTime();
      m = generate(directory, clock);
      LOG.log(
          System.Logger.Level.INFO,
          "Test PKI generated in {0} ms under {1}",
          (System.nanoTime() - start) / 1_000_000,
          directory);
    }
    TestPki pki = new TestPki(directory, clock, temporary, m);
    pki.crl(); // re-issues a CRL close to its nextUpdate before anyone fetches it
    return pki;
  }

  public Path directory() {
    return directory;
  }

  /** What a pharmacy installs: its PKCS#12, the password, the trust anchors. */
  public Path issuedDirectory() {
    return directory.resolve(ISSUED);
  }

  public Path testClientsDirectory() {
    return directory.resolve(TEST_CLIENTS);
  }

  public Path pharmacyKeyStore(String finess) {
    return issuedDirectory().resolve(pharmacyFileName(finess));
  }

  /** The pharmacy's signing ("cachet") certificate and key. */
  public Path pharmacySealKeyStore(String finess) {
    return issuedDirectory().resolve(pharmacySealFileName(finess));
  }

  public Path testClientKeyStore(TestClient client) {
    return testClientsDirectory().resolve(client.fileName());
  }

  public static String pharmacyFileName(String finess) {
    return "pharmacy-" + finess + ".p12";
  }

  public static String pharmacySealFileName(String finess) {
    return "pharmacy-" + finess + "-sign.p12";
  }

  /** The password of every PKCS#12 of this PKI (a copy). */
  public char[] password() {
    return password.clone();
  }

  public X509Certificate root() {
    return root;
  }

  public X509Certificate organisationsCa() {
    return organisationsCa;
  }

  /** The server key entry (alias "server", chain server → organisations CA → root). */
  KeyStore serverKeyStore() {
    return server;
  }

  /** The organisations CA's current CRL; re-issued (and rewritten) when close to its nextUpdate. */
  public synchronized X509CRL crl() {
    Instant now = clock.instant();
    if (crl.getNextUpdate().toInstant().isBefore(now.plus(CRL_RENEW_BEFORE))) {
      BigInteger next = crlNumber(crl).add(BigInteger.ONE);
      // the next CRL lists what the current one lists
      List<Issuance.Revocation> revoked =
          crl.getRevokedCertificates() == null
              ? List.of()
              : crl.getRevokedCertificates().stream()
                  .map(e -> new Issuance.Revocation(e.getSerialNumber(), e.getRevocationDate()))
                  .toList();
      crl =
          issuance.crl(
              organisationsCa,
              organisationsCaKey,
              revoked,
              next,
              now.truncatedTo(ChronoUnit.SECONDS),
              now.plus(CRL_VALIDITY));
      writePem(directory.resolve(AUTHORITY).resolve(CRL_FILE), "X509 CRL", encoded(crl));
    }
    return crl;
  }

  public byte[] crlDer() {
    return encoded(crl());
  }

  /** The test root, PEM: what a client trusts for the sandbox's server certificate. */
  public String trustAnchorsPem() {
    return pem("CERTIFICATE", encoded(root));
  }

  /** Deletes the directory of a temporary PKI; a PKI under a data dir is kept. */
  @Override
  public void close() {
    if (temporary) {
      deleteRecursively(directory);
    }
  }

  // ---------------------------------------------------------------- generation

  /** Everything the running sandbox needs from the files (the fewest PKCS#12 to decrypt). */
  private record Material(
      char[] password,
      X509Certificate root,
      X509Certificate organisationsCa,
      PrivateKey organisationsCaKey,
      KeyStore server,
      X509CRL crl) {

    static Material read(Path dir) {
      Path authority = dir.resolve(AUTHORITY);
      try {
        char[] password =
            Files.readString(dir.resolve(ISSUED).resolve(PASSWORD_FILE)).strip().toCharArray();
        KeyStore ca = load(authority.resolve(ORGANISATIONS_CA_FILE), password);
        KeyStore server = load(authority.resolve(SERVER_FILE), password);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate root;
        try (InputStream in =
            Files.newInputStream(dir.resolve(ISSUED).resolve(TRUST_ANCHORS_FILE))) {
          root = (X509Certificate) x509.generateCertificate(in);
        }
        X509CRL crl;
        try (InputStream in = Files.newInputStream(authority.resolve(CRL_FILE))) {
          crl = (X509CRL) x509.generateCRL(in);
        }
        X509Certificate caCert = (X509Certificate) ca.getCertificate("ca");
        // the anchor a client is given must be the one that issued the CA the sandbox signs with
        caCert.verify(root.getPublicKey());
        return new Material(
            password, root, caCert, (PrivateKey) ca.getKey("ca", password), server, crl);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the test PKI under " + dir, e);
      } catch (GeneralSecurityException e) {
        throw new PkiException(
            "cannot read the test PKI under " + dir + " (delete it to regenerate)", e);
      }
    }
  }

  private static boolean complete(Path dir) {
    Stream<Path> expected =
        Stream.concat(
            Stream.of(
                dir.resolve(AUTHORITY).resolve(ROOT_FILE),
                dir.resolve(AUTHORITY).resolve(ORGANISATIONS_CA_FILE),
                dir.resolve(AUTHORITY).resolve(SERVER_FILE),
                dir.resolve(AUTHORITY).resolve(CRL_FILE),
                dir.resolve(ISSUED).resolve(PASSWORD_FILE),
                dir.resolve(ISSUED).resolve(TRUST_ANCHORS_FILE)),
            Stream.concat(
                PHARMACIES.stream()
                    .flatMap(
                        p ->
                            Stream.of(
                                pharmacyFileName(p.finess()), pharmacySealFileName(p.finess())))
                    .map(f -> dir.resolve(ISSUED).resolve(f)),
                Arrays.stream(TestClient.values())
                    .map(c -> dir.resolve(TEST_CLIENTS).resolve(c.fileName()))));
    return expected.allMatch(Files::isRegularFile);
  }

  private static Material generate(Path dir, Clock clock) {
    // a half-written PKI (stopped during the first start) is started again from nothing
    for (String sub : List.of(AUTHORITY, ISSUED, TEST_CLIENTS)) {
      deleteRecursively(dir.resolve(sub));
    }
    SecureRandom random = new SecureRandom();
    Issuance issue = new Issuance(random);
    char[] password = newPassword(random);

    // The costly part is RSA key generation (0.1 to 0.7 s a key, depending on the machine's load):
    // one key for each CA, the server and each pharmacy, and ONE for all the test clients and the
    // "other" root of wrong-ca (they exist to be refused for their certificates, not their keys).
    int pharmacies = PHARMACIES.size();
    int shared = 4;
    List<KeyPair> keys =
        IntStream.range(0, shared + 2 * pharmacies).parallel().mapToObj(i -> rsaKeyPair()).toList();
    KeyPair rootKeys = keys.get(0);
    KeyPair caKeys = keys.get(1);
    KeyPair serverKeys = keys.get(2);
    KeyPair testClientKeys = keys.get(3);
    KeyPair otherRootKeys = testClientKeys;

    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant from =
        now.minus(Duration.ofHours(1)); // a peer whose clock is a little late still accepts
    Instant years20 = now.plus(Duration.ofDays(20 * 365));
    Instant years10 = now.plus(Duration.ofDays(10 * 365));

    X509Certificate root =
        issue.selfSignedCa(
            Issuance.name(PKI_ORGANISATION, PKI_UNIT, ROOT_CN), rootKeys, from, years20);
    X509Certificate ca =
        issue.subordinateCa(
            Issuance.name(PKI_ORGANISATION, PKI_UNIT, ORGANISATIONS_CA_CN),
            caKeys.getPublic(),
            root,
            rootKeys.getPrivate(),
            from,
            years20);
    X509Certificate serverCert =
        issue.serverLeaf(
            Issuance.name(PKI_ORGANISATION, "SANDBOX DES SERVICES NATIONAUX", "localhost"),
            serverKeys.getPublic(),
            ca,
            caKeys.getPrivate(),
            from,
            years10,
            List.of(
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")));

    Path authority = dir.resolve(AUTHORITY);
    Path issued = dir.resolve(ISSUED);
    Path clients = dir.resolve(TEST_CLIENTS);
    createDirectory(authority, true);
    createDirectory(issued, false);
    createDirectory(clients, false);

    writeSecret(issued.resolve(PASSWORD_FILE), new String(password) + "\n");
    KeyStore server = keyStore("server", serverKeys.getPrivate(), password, serverCert, ca, root);
    store(
        keyStore("root", rootKeys.getPrivate(), password, root),
        authority.resolve(ROOT_FILE),
        password);
    store(
        keyStore("ca", caKeys.getPrivate(), password, ca, root),
        authority.resolve(ORGANISATIONS_CA_FILE),
        password);
    store(server, authority.resolve(SERVER_FILE), password);
    writePem(issued.resolve(TRUST_ANCHORS_FILE), "CERTIFICATE", encoded(root));

    for (int i = 0; i < pharmacies; i++) {
      Organisation p = PHARMACIES.get(i);
      KeyPair k = keys.get(shared + i);
      X509Certificate leaf =
          issue.clientLeaf(
              pharmacyName(p, INSI_AUTO), k.getPublic(), ca, caKeys.getPrivate(), from, years10);
      store(
          keyStore(ALIAS, k.getPrivate(), password, leaf, ca, root),
          issued.resolve(pharmacyFileName(p.finess())),
          password);
      KeyPair sealKeys = keys.get(shared + pharmacies + i);
      X509Certificate seal =
          issue.sealLeaf(
              pharmacyName(p, p.name().toUpperCase(Locale.ROOT) + " CACHET"),
              sealKeys.getPublic(),
              ca,
              caKeys.getPrivate(),
              from,
              years10);
      store(
          keyStore(ALIAS, sealKeys.getPrivate(), password, seal, ca, root),
          issued.resolve(pharmacySealFileName(p.finess())),
          password);
    }

    Organisation first = PHARMACIES.get(0);
    X500Name firstName = pharmacyName(first, INSI_AUTO);
    PrivateKey clientKey = testClientKeys.getPrivate();
    X509Certificate expired =
        issue.clientLeaf(
            firstName,
            testClientKeys.getPublic(),
            ca,
            caKeys.getPrivate(),
            now.minus(Duration.ofDays(730)),
            now.minus(Duration.ofDays(1)));
    X509Certificate revokedCert =
        issue.clientLeaf(
            firstName, testClientKeys.getPublic(), ca, caKeys.getPrivate(), from, years10);
    X509Certificate wrongCn =
        issue.clientLeaf(
            pharmacyName(first, first.name().toUpperCase(Locale.ROOT)),
            testClientKeys.getPublic(),
            ca,
            caKeys.getPrivate(),
            from,
            years10);
    X509Certificate otherRoot =
        issue.selfSignedCa(
            Issuance.name("AUTRE AUTORITE", "PKI INCONNUE", "TEST AC RACINE INCONNUE"),
            otherRootKeys,
            from,
            years20);
    X509Certificate wrongCa =
        issue.clientLeaf(
            firstName,
            testClientKeys.getPublic(),
            otherRoot,
            otherRootKeys.getPrivate(),
            from,
            years10);
    store(
        keyStore(ALIAS, clientKey, password, expired, ca, root),
        clients.resolve(TestClient.EXPIRED.fileName()),
        password);
    store(
        keyStore(ALIAS, clientKey, password, revokedCert, ca, root),
        clients.resolve(TestClient.REVOKED.fileName()),
        password);
    store(
        keyStore(ALIAS, clientKey, password, wrongCn, ca, root),
        clients.resolve(TestClient.WRONG_CN.fileName()),
        password);
    store(
        keyStore(ALIAS, clientKey, password, wrongCa, otherRoot),
        clients.resolve(TestClient.WRONG_CA.fileName()),
        password);

    X509CRL crl =
        issue.crl(
            ca,
            caKeys.getPrivate(),
            List.of(Issuance.Revocation.of(revokedCert)),
            BigInteger.ONE,
            now,
            now.plus(CRL_VALIDITY));
    writePem(authority.resolve(CRL_FILE), "X509 CRL", encoded(crl));
    return new Material(password, root, ca, caKeys.getPrivate(), server, crl);
  }

  /**
   * {@code C=FR, O=<name>, OU=1<FINESS>, CN=<cn>}: IGC-Santé's organisation certificate subject.
   */
  private static X500Name pharmacyName(Organisation p, String cn) {
    return Issuance.name(p.name(), "1" + p.finess(), cn);
  }

  private static char[] newPassword(SecureRandom random) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(RSA_BITS);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new PkiException("no RSA key pair generator", e);
    }
  }

  // ---------------------------------------------------------------- files

  private static KeyStore keyStore(
      String alias, PrivateKey key, char[] password, X509Certificate... chain) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(alias, key, password, chain);
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new PkiException("cannot build a PKCS#12 key store", e);
    }
  }

  private static void store(KeyStore ks, Path file, char[] password) {
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, password);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } catch (GeneralSecurityException e) {
      throw new PkiException("cannot write " + file, e);
    }
  }

  static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password);
    }
    return ks;
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** The authority's directory is readable by its owner only; the others are ordinary. */
  private static void createDirectory(Path dir, boolean ownerOnly) {
    try {
      if (ownerOnly && posix()) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Created with mode 0600 from the start: never readable by others, even for an instant. */
  private static void writeSecret(Path file, String content) {
    try {
      if (posix()) {
        Set<PosixFilePermission> ownerOnly =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
      }
      Files.writeString(file, content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void writePem(Path file, String type, byte[] der) {
    try {
      Files.writeString(file, pem(type, der), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] encoded(Certificate c) {
    try {
      return c.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new PkiException("cannot encode " + c, e);
    }
  }

  private static byte[] encoded(X509CRL c) {
    try {
      return c.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new PkiException("cannot encode the CRL", e);
    }
  }

  private static BigInteger crlNumber(X509CRL crl) {
    byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
    if (ext == null) {
      return BigInteger.ZERO;
    }
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getValue();
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
