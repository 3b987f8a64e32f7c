package fr.officine.segur.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 §11: the database and the module's files are its own account's only. */
class OwnerOnlyFilesTest {

  @Test
  void a_database_left_readable_by_everyone_is_made_owner_only(@TempDir Path data)
      throws IOException {
    Path module = Files.createDirectories(data.resolve("module/tls"));
    Path db = Files.writeString(data.resolve("module/segur.mv.db"), "h2");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(module, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        data.resolve("module"), PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(OwnerOnlyFiles.restrict(data.resolve("module"))).isEqualTo(3);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(module)))
        .isEqualTo("rwx------");
    assertThat(OwnerOnlyFiles.restrict(data.resolve("module")))
        .as("a second start changes nothing")
        .isZero();
  }

  @Test
  void a_file_named_without_a_folder_is_created_owner_only_in_the_working_directory()
      throws IOException {
    // a bare name has no parent Path: createFile used to pass null to createDirectories (SpotBugs
    // NP_NULL_ON_SOME_PATH_FROM_RETURN_VALUE)
    Path bare =
        Path.of("owner-only-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
    try {
      Path created = OwnerOnlyFiles.createFile(bare);
      assertThat(created).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
          .isEqualTo("rw-------");
    } finally {
      Files.deleteIfExists(bare);
    }
  }

  @Test
  void the_umask_probe_leaves_nothing_behind(@TempDir Path dir) throws IOException {
    OwnerOnlyFiles.umaskShares(dir);
    try (var left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }
}
