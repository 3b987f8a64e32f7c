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
 * The pharmacy's organisation certificate ("certificat de personne morale", IGC-Santé) as the
 * pharmacy installed it: the key and chain that authenticate the module to the national services
 * (mutual TLS) and sign the VIHF sent to the DMP. The module never makes its own: the files come
 * from the certificate authority (the sandbox plays it in sandbox mode) into {@code segur.pki.dir}:
 *
 * <ul>
 *   <li>{@code pharmacy-<FINESS>.p12}: one PKCS#12 per pharmacy, its key entry with the chain up to
 *       the root;
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
   * The organisation credentials of the pharmacy {@code finess}: the same instance as long as the
   * file is unchanged (callers may cache what they build from it by identity).
   *
   * @throws ProblemException ORGANISATION_CERTIFICATE_MISSING when the file is not installed or
   *     unreadable, ORGANISATION_CERTIFICATE_INVALID when the certificate is expired or not yet valid
   */
  public Signing signing(String finess) {
    Path file = directory.resolve("pharmacy-" + finess + ".p12");
    Signing signing = (Signing) read(file, () -> load(file));
    try {
      signing.certificate().checkValidity();
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new ProblemException(
          ProblemType.ORGANISATION_CERTIFICATE_INVALID,
          "Le certificat de l'organisation " + file + " (" + signing.certificate().getSubjectX500Principal().getName()
              + ") n'est valide que du " + day(signing.certificate().getNotBefore()) + " au "
              + day(signing.certificate().getNotAfter()) + " : installez le certificat renouvelé.",
          null,
          e);
    }
    return signing;
  }

  /** The roots trusted for the national services' server certificates; nothing else is trusted. */
  @SuppressWarnings("unchecked")
  public List<X509Certificate> trustAnchors() {
    Path file = directory.resolve("trust-anchors.pem");
    return (List<X509Certificate>) read(file, () -> anchors(file));
  }

  /** The FINESS of every pharmacy whose certificate is installed (warmed up at start). */
  public List<String> installed() {
    List<String> finess = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "pharmacy-*.p12")) {
      for (Path f : files) {
        Matcher m = PHARMACY_FILE.matcher(f.getFileName().toString());
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
  private Object read(Path file, Reader reader) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw missing(file, e);
    }
    Loaded cached = cache.get(file.toString());
    if (cached != null
        && cached.modified().equals(attributes.lastModifiedTime())
        && cached.size() == attributes.size()) {
      return cached.value();
    }
    try {
      Object value = reader.read();
      cache.put(file.toString(), new Loaded(attributes.lastModifiedTime(), attributes.size(), value));
      return value;
    } catch (IOException e) {
      throw missing(e instanceof NoSuchFileException n ? Path.of(n.getFile()) : file, e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new ProblemException(
          ProblemType.ORGANISATION_CERTIFICATE_MISSING,
          "Le fichier " + file + " est illisible (" + e.getMessage()
              + ") : réinstallez le certificat de l'organisation et son mot de passe ("
              + directory.resolve("password") + ").",
          null,
          e);
    }
  }

  private ProblemException missing(Path file, Exception cause) {
    return new ProblemException(
        ProblemType.ORGANISATION_CERTIFICATE_MISSING,
        "Certificat de l'organisation non installé : le fichier " + file
            + " est absent. Installez dans " + directory
            + " le certificat IGC-Santé de l'officine (pharmacy-<FINESS>.p12), son mot de passe (password)"
            + " et les autorités de confiance (trust-anchors.pem).",
        null,
        cause);
  }

  private Signing load(Path file) throws IOException, GeneralSecurityException {
    char[] password =
        Files.readString(directory.resolve("password"), StandardCharsets.UTF_8).strip().toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password);
    }
    // the authority names the entry; take the (only) key entry whatever its alias
    for (String alias : Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias)) {
        PrivateKey key = (PrivateKey) ks.getKey(alias, password);
        Certificate[] chain = ks.getCertificateChain(alias);
        List<X509Certificate> certs = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        return new Signing(key, certs.get(0), certs);
      }
    }
    throw new GeneralSecurityException("aucune clé privée dans le fichier");
  }

  private static List<X509Certificate> anchors(Path file) throws IOException, GeneralSecurityException {
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
