package fr.officine.segur.portability;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.data.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an archive is kept and cleaned up (issue 15 §4): deleted once its retention is over (the
 * export then reads EXPIRED, its row kept as the trace), and an export whose process stopped while
 * writing is closed FAILED with its partial file deleted. A second request while one runs gets the
 * running one.
 */
class ExportCleanUpTest {
  @TempDir Path data;

  @Test
  void an_archive_past_its_retention_is_deleted_and_an_interrupted_export_is_closed()
      throws Exception {
    Database db = PharmacyExportTest.database();
    ExportStore store = new ExportStore(db);
    ExportJobs jobs =
        new ExportJobs(
            db,
            store,
            data.toString(),
            java.time.Duration.ofDays(7),
            java.time.Duration.ofHours(1),
            java.time.Duration.ofMinutes(10));
    Path exports = Files.createDirectories(data.resolve("module/exports"));
    Instant now = Instant.now();

    ExportRecord old =
        store.startOrRunning(
            "old", PharmacyExportTest.A, "titulaire", now.minus(Duration.ofDays(9)));
    Files.writeString(exports.resolve("old.zip"), "zip");
    store.done(old.id(), 10, 3, "ab", now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(1)));
    ExportRecord recent =
        store.startOrRunning(
            "recent", PharmacyExportTest.B, "confrere", now.minus(Duration.ofHours(2)));
    Files.writeString(exports.resolve("recent.zip"), "zip");
    store.done(
        recent.id(), 10, 3, "cd", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(6)));
    ExportRecord stalled =
        store.startOrRunning(
            "stalled", PharmacyExportTest.A, "titulaire", now.minus(Duration.ofHours(1)));
    Files.writeString(exports.resolve("stalled.zip.part"), "half a zip");
    // a second request for pharmacy A while "stalled" runs: the running one, nothing new
    assertThat(store.startOrRunning("another", PharmacyExportTest.A, "titulaire", now).id())
        .isEqualTo("stalled");

    jobs.cleanUp();

    assertThat(store.find("old", PharmacyExportTest.A).orElseThrow().status())
        .isEqualTo(ExportStatus.EXPIRED);
    assertThat(exports.resolve("old.zip")).doesNotExist();
    assertThat(store.find("recent", PharmacyExportTest.B).orElseThrow().status())
        .isEqualTo(ExportStatus.DONE);
    assertThat(exports.resolve("recent.zip")).exists();
    ExportRecord closed = store.find("stalled", PharmacyExportTest.A).orElseThrow();
    assertThat(closed.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(closed.problem()).contains("interrompu");
    assertThat(exports.resolve("stalled.zip.part")).doesNotExist();
    // another pharmacy's export is not found by its id
    assertThat(store.find("recent", PharmacyExportTest.A)).isEmpty();
  }
}
