package fr.officine.segur.portability;

import fr.officine.segur.config.Settings;
import fr.officine.segur.data.DataAccessException;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.OwnerOnlyFiles;
import fr.officine.segur.data.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Builds the archives in the background and cleans them up.
 *
 * <p>Kept where: {@code ${segur.data.dir}/module/exports/<id>.zip}, beside the database (same
 * owner-only permissions: it holds the same patient data). Written as {@code <id>.zip.part} while
 * it is built, renamed when complete: a {@code .zip} is always whole.
 *
 * <p>Kept how long: {@code segur.export.retention} (P7D) after it is finished, then deleted by the
 * cleanup (at start and every {@code segur.export.cleanup-interval}, PT1H) and the export marked
 * EXPIRED; the row stays as the trace. An export that stopped with its process (no progress for
 * {@code segur.export.stalled-after}, PT10M) is marked FAILED and its partial file deleted.
 */
@ApplicationScoped
public class ExportJobs {
  private static final Logger LOG = Logger.getLogger(ExportJobs.class.getName());

  /**
   * Progress is written at most this often (a row per 500 rows would be a write per millisecond).
   */
  private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  private ManagedScheduledExecutorService executor;

  private Database db;
  private ExportStore store;
  private Path dir;
  private Duration retention;
  private Duration cleanupInterval;
  private Duration stalledAfter;
  private Clock clock = Clock.systemUTC();
  private volatile ScheduledFuture<?> cleanup;

  protected ExportJobs() {}

  @Inject
  public ExportJobs(Database db, ExportStore store, Config config) {
    this(
        db,
        store,
        config.getValue("segur.data.dir", String.class),
        Settings.duration(config, "segur.export.retention"),
        Settings.duration(config, "segur.export.cleanup-interval"),
        Settings.duration(config, "segur.export.stalled-after"));
  }

  ExportJobs(
      Database db,
      ExportStore store,
      String dataDir,
      Duration retention,
      Duration cleanupInterval,
      Duration stalledAfter) {
    this.db = db;
    this.store = store;
    this.dir = Path.of(dataDir, "module", "exports");
    this.retention = retention;
    this.cleanupInterval = cleanupInterval;
    this.stalledAfter = stalledAfter;
  }

  void start(@Observes SchemaReady ready) {
    cleanup =
        executor.scheduleWithFixedDelay(
            this::cleanUp, 0, cleanupInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (cleanup != null) {
      cleanup.cancel(false);
    }
  }

  /**
   * Starts an export of the pharmacy (or returns the one already running) and builds it in the
   * background.
   */
  ExportRecord start(String finess, String login) {
    String id = UUID.randomUUID().toString();
    ExportRecord export = store.startOrRunning(id, finess, login, clock.instant());
    if (export.id().equals(id)) {
      executor.execute(() -> build(export));
    }
    return export;
  }

  Optional<Path> archive(ExportRecord export) {
    Path file = file(export.id());
    return export.status() == ExportStatus.DONE && Files.isRegularFile(file)
        ? Optional.of(file)
        : Optional.empty();
  }

  private Path file(String id) {
    return dir.resolve(id + ".zip");
  }

  private Path partFile(String id) {
    return dir.resolve(id + ".zip.part");
  }

  private void build(ExportRecord export) {
    Path part = partFile(export.id());
    try {
      Files.deleteIfExists(part);
      OwnerOnlyFiles.createFile(part);
      MessageDigest sha = ExportWriter.sha256();
      long[] written = {0};
      try (OutputStream file = Files.newOutputStream(part);
          DigestOutputStream out =
              new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha)) {
        written[0] = writeArchive(export, out);
      }
      Path done = file(export.id());
      Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
      Instant now = clock.instant();
      store.done(
          export.id(),
          written[0],
          Files.size(done),
          HexFormat.of().formatHex(sha.digest()),
          now,
          now.plus(retention));
      LOG.info(() -> "Export " + export.id() + " of pharmacy " + export.pharmacyFiness() + " done");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Export " + export.id() + " failed", e);
      deleteQuietly(part);
      store.failed(
          export.id(),
          "Échec pendant l'écriture de l'archive : " + e.getClass().getSimpleName(),
          clock.instant());
    }
  }

  /**
   * One read-only transaction in REPEATABLE READ: every file of the archive sees the same snapshot
   * (a dispensation recorded meanwhile is in all of them or in none). Its own connection handling:
   * the isolation and read-only flag are set before the transaction begins and put back after it
   * ends (PostgreSQL refuses to change them inside one), so the pooled connection goes back as it
   * came.
   */
  private long writeArchive(ExportRecord export, OutputStream out) throws IOException {
    try {
      return db.withHandle(
          h -> {
            // set before the transaction begins and put back after it ends: PostgreSQL refuses
            // changing them inside one, and the pooled connection must go back as it came
            h.setReadOnly(true);
            try {
              return h.inTransaction(
                  TransactionIsolationLevel.REPEATABLE_READ,
                  tx -> write(export, tx.getConnection(), out));
            } finally {
              h.setReadOnly(false);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private long write(ExportRecord export, Connection c, OutputStream out) {
    Instant[] last = {Instant.EPOCH};
    long[] total = {0};
    ExportWriter writer =
        new ExportWriter(
            c,
            export.pharmacyFiness(),
            done -> {
              Instant now = clock.instant();
              if (Duration.between(last[0], now).compareTo(PROGRESS_EVERY) >= 0) {
                last[0] = now;
                store.progress(export.id(), done, total[0], now);
              }
            });
    try {
      total[0] = writer.total();
      store.progress(export.id(), 0, total[0], clock.instant());
      writer.write(export.id(), export.createdAt(), out);
      return total[0];
    } catch (SQLException e) {
      throw new DataAccessException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes the archives past their retention and closes the exports that stopped with their
   * process.
   */
  void cleanUp() {
    try {
      Instant now = clock.instant();
      for (ExportRecord e : store.dueForDeletion(now)) {
        deleteQuietly(file(e.id()));
        store.expired(e.id());
        LOG.info(() -> "Export " + e.id() + " deleted (retention " + retention + " over)");
      }
      for (ExportRecord e : store.silentSince(now.minus(stalledAfter))) {
        deleteQuietly(partFile(e.id()));
        store.failed(
            e.id(), "Export interrompu (arrêt du module pendant l'écriture) : relancez-le.", now);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Export clean-up failed; next run in " + cleanupInterval, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot delete " + file, e);
    }
  }
}
