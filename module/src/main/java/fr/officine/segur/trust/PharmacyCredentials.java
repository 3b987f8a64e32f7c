package fr.officine.segur.trust;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pharmacy's organisation certificates ("certificats de personne morale", IGC-Santé) as the
 * pharmacy installed them, two, each for its use:
 *
 * <ul>
 *   <li>the <b>authentication</b> certificate: the key and chain that authenticate the module to
 *       the national services (mutual TLS); IGC-Santé gives it digitalSignature + clientAuth;
 *   <li>the <b>signing</b> certificate, "cachet" (organisation seal): signs what the structure
 *       vouches for, the VIHF and the submission set sent to the DMP (ANS, mapping VIHF of the CDA
 *       transmission IG: « //Assertion/ds:Signature : signature XML-DSIG avec le certificat de
 *       cachet de la structure de soins », Issuer = « DN du certificat de cachet »); IGC-Santé
 *       gives it nonRepudiation, and the DMP refuses a signature made with the authentication one.
 * </ul>
 *
 * The module never makes its own: the files come from the certificate authority (the sandbox plays
 * it in sandbox mode) into {@code segur.pki.dir}:
 *
 * <ul>
 *   <li>{@code pharmacy-<FINESS>.p12}: the authentication certificate, its key entry with the chain
 *       up to the root;
 *   <li>{@code pharmacy-<FINESS>-sign.p12}: the signing ("cachet") certificate, same form;
 *   <li>{@code password}: the PKCS#12 password, one line (readable by the module's user only);
 *   <li>{@code trust-anchors.pem}: the roots the national services' server certificates chain to.
 * </ul>
 *
 * A file is read again when it changes (date or size), so a renewed certificate is taken without
 * restarting the module. A missing or expired certificate is a problem the pharmacist can read,
 * naming the file to install, never a stack trace.
 */
@ApplicationScoped
public class PharmacyCredentials {
  /** KeyUsage bit 1: nonRepudiation (contentCommitment), what a signing certificate carries. */
  private static final int NON_REPUDIATION = 1;

  private static final Pattern PHARMACY_FILE = Pattern.compile("pharmacy-(\\d{9})\\.p12");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneId.of("Europe/Paris"));

  private Path directory;
  private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

  protected PharmacyCredentials() {}

  @Inject
  public PharmacyCredentials(@ConfigProperty(name = "segur.pki.dir") String directory) {
    this(Path.of(directory));
  }

  public PharmacyCredentials(Path directory) {
    this.directory = directory;
  }

  /** A private key, its certificate and the chain up to the root (leaf first). */
  public record Signing(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {}

  /** What was read from one file, and the file's stamp when it was read. */
  private record Loaded(FileTime modified, long size, Object value) {}

  public Path directory() {
    return directory;
  }

  /**
   * The authentication certificate of the pharmacy {@code finess} (TLS client to the national
   * services): the same instance as long as the file is unchanged (callers may cache what they
   * build from it by identity).
   *
   * @throws ProblemException ORGANISATION_CERTIFICATE_MISSING when the file is not installed or
   *     unreadable, ORGANISATION_CERTIFICATE_INVALID when the certificate is expired or not yet
   *     valid
   */
  public Signing authentication(String finess) {
    return valid(
        directory.resolve(authenticationFileName(finess)),
        ProblemType.ORGANISATION_CERTIFICATE_MISSING);
  }

  /**
   * The signing ("cachet") certificate of the pharmacy {@code finess}, for the VIHF and the
   * submission set.
   *
   * @throws ProblemException ORGANISATION_SIGNING_CERTIFICATE_MISSING when the file is not
   *     installed or unreadable, ORGANISATION_CERTIFICATE_INVALID when the certificate is expired,
   *     not yet valid, or not a signing certificate (no nonRepudiation: e.g. the authentication
   *     certificate installed under the signing name)
   */
  public Signing seal(String finess) {
    Path file = directory.resolve(sealFileName(finess));
    Signing seal = valid(file, ProblemType.ORGANISATION_SIGNING_CERTIFICATE_MISSING);
    boolean[] usage = seal.certificate().getKeyUsage();
    if (usage == null || usage.length < 2 || !usage[NON_REPUDIATION]) {
      throw new ProblemException(
          ProblemType.ORGANISATION_CERTIFICATE_INVALID,
          "Le fichier "
              + file
              + " ("
              + seal.certificate().getSubjectX500Principal().getName()
              + ") n'est pas un certificat de cachet (signature, nonRepudiation) : installez le certificat de cachet"
              + " IGC-Santé de l'officine, pas son certificat d'authentification.",
          null,
          null);
    }
    return seal;
  }

  public static String authenticationFileName(String finess) {
    return "pharmacy-" + finess + ".p12";
  }

  public static String sealFileName(String finess) {
    return "pharmacy-" + finess + "-sign.p12";
  }

  private Signing valid(Path file, ProblemType missing) {
    Signing signing = (Signing) read(file, missing, () -> load(file));
    try {
      signing.certificate().checkValidity();
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new ProblemException(
          ProblemType.ORGANISATION_CERTIFICATE_INVALID,
          "Le certificat de l'organisation "
              + file
              + " ("
              + signing.certificate().getSubjectX500Principal().getName()
              + ") n'est valide que du "
              + day(signing.certificate().getNotBefore())
              + " au "
              + day(signing.certificate().getNotAfter())
              + " : installez le certificat renouvelé.",
          null,
          e);
    }
    return signing;
  }

  /** The roots trusted for the national services' server certificates; nothing else is trusted. */
  @SuppressWarnings("unchecked")
  public List<X509Certificate> trustAnchors() {
    Path file = directory.resolve("trust-anchors.pem");
    return (List<X509Certificate>)
        read(file, ProblemType.ORGANISATION_CERTIFICATE_MISSING, () -> anchors(file));
  }

  /** The FINESS of every pharmacy whose certificate is installed (warmed up at start). */
  public List<String> installed() {
    List<String> finess = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "pharmacy-*.p12")) {
      for (Path f : files) {
        Path name = f.getFileName();
        Matcher m = PHARMACY_FILE.matcher(name == null ? "" : name.toString());
        if (m.matches()) {
          finess.add(m.group(1));
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    Collections.sort(finess);
    return finess;
  }

  @FunctionalInterface
  private interface Reader {
    Object read() throws IOException, GeneralSecurityException;
  }

  /** The cached content of {@code file}, read again when its date or size changed. */
  private Object read(Path file, ProblemType missing, Reader reader) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw missing(file, missing, e);
    }
    Loaded cached = cache.get(file.toString());
    if (cached != null
        && cached.modified().equals(attributes.lastModifiedTime())
        && cached.size() == attributes.size()) {
      return cached.value();
    }
    try {
      Object value = reader.read();
      cache.put(
          file.toString(), new Loaded(attributes.lastModifiedTime(), attributes.size(), value));
      return value;
    } catch (IOException e) {
      throw missing(e instanceof NoSuchFileException n ? Path.of(n.getFile()) : file, missing, e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new ProblemException(
          missing,
          "Le fichier "
              + file
              + " est illisible ("
              + e.getMessage()
              + ") : réinstallez le certificat de l'organisation et son mot de passe ("
              + directory.resolve("password")
              + ").",
          null,
          e);
    }
  }

  private ProblemException missing(Path file, ProblemType type, Exception cause) {
    String which =
        type == ProblemType.ORGANISATION_SIGNING_CERTIFICATE_MISSING
            ? "Certificat de cachet de l'organisation non installé : le fichier "
                + file
                + " est absent. Installez dans "
                + directory
                + " le certificat de cachet IGC-Santé de l'officine (pharmacy-<FINESS>-sign.p12), qui signe"
                + " le VIHF et les lots envoyés au DMP"
            : "Certificat de l'organisation non installé : le fichier "
                + file
                + " est absent. Installez dans "
                + directory
                + " le certificat d'authentification IGC-Santé de l'officine (pharmacy-<FINESS>.p12)";
    return new ProblemException(
        type,
        which + ", son mot de passe (password) et les autorités de confiance (trust-anchors.pem).",
        null,
        cause);
  }

  private Signing load(Path file) throws IOException, GeneralSecurityException {
    char[] password =
        Files.readString(directory.resolve("password"), StandardCharsets.UTF_8)
            .strip()
            .toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password);
    }
    // the authority names the entry; take the (only) key entry whatever its alias
    for (String alias : Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias)) {
        PrivateKey key = (PrivateKey) ks.getKey(alias, password);
        Certificate[] chain = ks.getCertificateChain(alias);
        List<X509Certificate> certs =
            Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        return new Signing(key, certs.get(0), certs);
      }
    }
    throw new GeneralSecurityException("aucune clé privée dans le fichier");
  }

  private static List<X509Certificate> anchors(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certs.isEmpty()) {
        throw new GeneralSecurityException("aucun certificat PEM");
      }
      return certs;
    }
  }

  private static String day(Date date) {
    return DAY.format(date.toInstant());
  }
}
