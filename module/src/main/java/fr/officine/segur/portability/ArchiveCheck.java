package fr.officine.segur.portability;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.http.BoundedInputStream;
import fr.officine.segur.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an archive before a row of it is restored: every entry's name is one the format allows (no
 * directory, no {@code ..}, no absolute path: nothing is ever written to disk under an entry's name
 * anyway), the entries are exactly those of the manifest, and each one inflates to the size and
 * SHA-256 the manifest gives, within {@link ArchiveLimits}. Inflating stops at the first byte past
 * what the manifest declares.
 */
final class ArchiveCheck {
  /** The names format 1 writes; anything else is refused unread. */
  static final Pattern ENTRY_NAME =
      Pattern.compile(
          "(?:[a-z_]{1,64}\\.jsonl|manifest\\.json|README\\.txt|documents/[A-Za-z0-9-]{1,64}\\.(?:cda\\.xml|pdf))");

  private final ArchiveLimits limits;

  ArchiveCheck(ArchiveLimits limits) {
    this.limits = limits;
  }

  /** The archive's manifest, once every entry matched it. */
  Manifest check(ZipFile zip) {
    if (zip.size() > limits.maxEntries()) {
      throw unsafe(zip.size() + " fichiers dans l'archive : " + limits.maxEntries() + " au plus.");
    }
    Map<String, ZipEntry> entries = new HashMap<>();
    Enumeration<? extends ZipEntry> all = zip.entries();
    while (all.hasMoreElements()) {
      ZipEntry e = all.nextElement();
      if (!ENTRY_NAME.matcher(e.getName()).matches()) {
        throw unsafe("Nom de fichier refusé dans l'archive : « " + printable(e.getName()) + " ».");
      }
      if (entries.put(e.getName(), e) != null) {
        throw unsafe("Fichier présent deux fois dans l'archive : " + e.getName() + ".");
      }
    }
    ZipEntry manifestEntry = entries.remove(ExportedFile.MANIFEST);
    if (manifestEntry == null) {
      throw invalid("manifest.json absent de l'archive.");
    }
    Manifest manifest = manifest(zip, manifestEntry);
    if (manifest.formatVersion() != ExportedFile.FORMAT_VERSION) {
      throw new ProblemException(
          ProblemType.IMPORT_FORMAT_UNSUPPORTED,
          "Format "
              + manifest.formatVersion()
              + " ; ce module lit le format "
              + ExportedFile.FORMAT_VERSION
              + ".");
    }
    Set<String> listed = new HashSet<>();
    long declared = 0;
    for (Manifest.Entry f : manifest.files()) {
      listed.add(f.path());
      if (f.bytes() < 0) {
        throw invalid("Taille négative pour " + f.path() + " dans le manifeste.");
      }
      declared += f.bytes();
      if (declared > limits.maxExpandedBytes()) {
        throw unsafe(
            "L'archive se décompresse en plus de " + limits.maxExpandedBytes() + " octets.");
      }
    }
    if (!listed.equals(entries.keySet())) {
      Set<String> extra = new HashSet<>(entries.keySet());
      extra.removeAll(listed);
      Set<String> missing = new HashSet<>(listed);
      missing.removeAll(entries.keySet());
      throw new ProblemException(
          ProblemType.IMPORT_CHECKSUM_MISMATCH,
          "Le manifeste et l'archive diffèrent : "
              + (missing.isEmpty() ? "" : "absents " + sample(missing) + " ")
              + (extra.isEmpty() ? "" : "non listés " + sample(extra)));
    }
    for (String table : tableFiles()) {
      if (!listed.contains(table)) {
        throw invalid("Fichier " + table + " absent de l'archive.");
      }
    }
    for (Manifest.Entry f : manifest.files()) {
      verify(zip, entries.get(f.path()), f);
    }
    return manifest;
  }

  private static Set<String> tableFiles() {
    Set<String> names = new HashSet<>();
    for (ExportedFile f : ExportedFile.values()) {
      names.add(f.fileName());
    }
    return names;
  }

  private Manifest manifest(ZipFile zip, ZipEntry entry) {
    try (InputStream in =
            bounded(
                zip,
                entry,
                ExportedFile.MANIFEST,
                limits.maxManifestBytes(),
                () ->
                    invalid(
                        "manifest.json fait plus de "
                            + limits.maxManifestBytes()
                            + " octets : ce n'est pas le manifeste d'un export."));
        JsonReader reader = Json.createReader(in)) {
      return Manifest.read(reader.readObject());
    } catch (IOException | JsonException | ClassCastException | ArithmeticException e) {
      throw invalid("manifest.json illisible : " + reason(e));
    } catch (ColumnType.BadValueException e) {
      throw invalid("manifest.json : " + e.getMessage() + ".");
    }
  }

  /** Inflates the entry (no more than the manifest declares) and compares size and SHA-256. */
  private void verify(ZipFile zip, ZipEntry entry, Manifest.Entry declared) {
    MessageDigest sha = ExportWriter.sha256();
    long read = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in =
        bounded(
            zip,
            entry,
            declared.path(),
            declared.bytes(),
            () ->
                new ProblemException(
                    ProblemType.IMPORT_CHECKSUM_MISMATCH,
                    declared.path() + " est plus long que ce que dit le manifeste."))) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
        read += n;
      }
    } catch (IOException e) {
      throw invalid(declared.path() + " illisible : " + reason(e));
    }
    String hash = HexFormat.of().formatHex(sha.digest());
    if (read != declared.bytes() || !hash.equalsIgnoreCase(declared.sha256())) {
      throw new ProblemException(
          ProblemType.IMPORT_CHECKSUM_MISMATCH,
          declared.path()
              + " : "
              + read
              + " octets de SHA-256 "
              + hash
              + ", le manifeste dit "
              + declared.bytes()
              + " octets de SHA-256 "
              + declared.sha256()
              + ".");
    }
  }

  /**
   * The entry, inflated no further than {@code declared} bytes nor the bomb ratio: the first byte
   * past the ratio is an unsafe archive, past {@code declared} (and under the ratio) {@code
   * longer}.
   */
  private InputStream bounded(
      ZipFile zip, ZipEntry entry, String path, long declared, Supplier<ProblemException> longer)
      throws IOException {
    long ratio = ratioFloor(entry);
    return new BoundedInputStream(
        zip.getInputStream(entry),
        Math.min(declared, ratio),
        count ->
            count > ratio
                ? unsafe(
                    path
                        + " se décompresse bien au-delà de sa taille compressée (bombe de décompression).")
                : longer.get());
  }

  /** The most an entry may inflate to before it counts as a bomb (1 MiB always allowed). */
  private long ratioFloor(ZipEntry entry) {
    long compressed = entry.getCompressedSize();
    return compressed < 0 ? Long.MAX_VALUE : Math.max(1 << 20, compressed * limits.maxRatio());
  }

  /** Opens the archive's central directory; a file that is not a zip is a clear refusal. */
  static ZipFile open(Path file) {
    try {
      return new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw invalid("Ce fichier n'est pas une archive zip.");
    } catch (IOException e) {
      throw invalid("Archive illisible : " + reason(e));
    }
  }

  static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.IMPORT_ARCHIVE_INVALID, detail);
  }

  static ProblemException unsafe(String detail) {
    return new ProblemException(ProblemType.IMPORT_ARCHIVE_UNSAFE, detail);
  }

  private static String reason(Exception e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getMessage().lines().findFirst().orElse("");
  }

  private static String sample(Set<String> names) {
    return names.stream().sorted().limit(5).map(ArchiveCheck::printable).toList()
        + (names.size() > 5 ? "…" : "");
  }

  /**
   * A name as the sender wrote it, shortened and without control characters, for a problem's
   * detail.
   */
  static String printable(String name) {
    String clean =
        name.codePoints()
            .map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
  }
}
