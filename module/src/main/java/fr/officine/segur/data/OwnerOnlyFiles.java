package fr.officine.segur.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The module's files (the H2 database with patient data, under {@code ${segur.data.dir}/module})
 * are its own account's only: at start, folders are set to 0700 and files to 0600, whatever the
 * install that made them, and a warning says when the process's umask lets other local accounts
 * read what it creates next (issue 11 §11; deploy/run.sh starts it with umask 077).
 */
@ApplicationScoped
public class OwnerOnlyFiles {
  private static final Logger LOG = Logger.getLogger(OwnerOnlyFiles.class.getName());
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private String dataDir;

  protected OwnerOnlyFiles() {}

  @Inject
  public OwnerOnlyFiles(@ConfigProperty(name = "segur.data.dir") String dataDir) {
    this.dataDir = dataDir;
  }

  void onSchemaReady(@Observes SchemaReady ready) {
    Path dir = Path.of(dataDir, "module");
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        || !Files.isDirectory(dir)) {
      return;
    }
    int changed = restrict(dir);
    if (changed > 0) {
      LOG.warning(
          () ->
              changed
                  + " file(s) or folder(s) under "
                  + dir
                  + " were open to other accounts: now owner-only");
    }
    if (umaskShares(dir)) {
      LOG.warning(
          () ->
              "New files under "
                  + dir
                  + " are readable by other local accounts (umask): start the module with umask 077, as deploy/run.sh does");
    }
  }

  /**
   * Creates {@code file} empty, 0600, in {@code dir} made 0700 if missing (where POSIX permissions
   * exist): for the files written beside the database with the same patient data (exports).
   */
  public static Path createFile(Path file) throws IOException {
    // absolute first: a bare file name has no parent, its folder is the working directory
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      throw new IOException("not a file: " + file);
    }
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
      return Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    }
    Files.createDirectories(dir);
    return Files.createFile(file);
  }

  /**
   * Sets every folder under {@code dir} (included) to 0700 and every file to 0600; returns how many
   * changed.
   */
  static int restrict(Path dir) {
    int changed = 0;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        if (Files.isSymbolicLink(p)) {
          continue;
        }
        Set<PosixFilePermission> wanted =
            Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE;
        try {
          if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
            Files.setPosixFilePermissions(p, wanted);
            changed++;
          }
        } catch (NoSuchFileException goneMeanwhile) {
          // a temporary file H2 removed while walking
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restrict the permissions under " + dir, e);
    }
    return changed;
  }

  /**
   * Whether a file created in {@code dir} with the process's defaults is open to group or others.
   */
  static boolean umaskShares(Path dir) {
    Path probe = dir.resolve(".umask-probe-" + UUID.randomUUID());
    try {
      Files.createFile(probe);
      return !Files.getPosixFilePermissions(probe).stream()
          .allMatch(p -> p.name().startsWith("OWNER_"));
    } catch (IOException e) {
      LOG.warning(() -> "Cannot check the umask in " + dir + ": " + e);
      return false;
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException ignored) {
        // nothing left to do: the probe is empty
      }
    }
  }
}
