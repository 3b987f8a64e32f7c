package fr.officine.segur.portability;

import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The {@code data_export} table: one row per export, its progress and its end. */
@ApplicationScoped
public class ExportStore {
  private static final String SELECT =
      "SELECT id, pharmacy_finess, requested_by, status, rows_done, rows_total, size_bytes, sha256, problem,"
          + " created_at, heartbeat_at, finished_at, expires_at FROM data_export ";

  private static final RowMapper<ExportRecord> ROW =
      (rs, ctx) -> {
        long size = rs.getLong("size_bytes");
        Long sizeBytes = rs.wasNull() ? null : size;
        return new ExportRecord(
            rs.getString("id"),
            rs.getString("pharmacy_finess"),
            rs.getString("requested_by"),
            ExportStatus.valueOf(rs.getString("status")),
            rs.getLong("rows_done"),
            rs.getLong("rows_total"),
            sizeBytes,
            rs.getString("sha256"),
            rs.getString("problem"),
            instant(rs.getObject("created_at", OffsetDateTime.class)),
            instant(rs.getObject("heartbeat_at", OffsetDateTime.class)),
            instant(rs.getObject("finished_at", OffsetDateTime.class)),
            instant(rs.getObject("expires_at", OffsetDateTime.class)));
      };

  private Database db;

  protected ExportStore() {}

  @Inject
  public ExportStore(Database db) {
    this.db = db;
  }

  /**
   * A new RUNNING export for the pharmacy, unless one is already running: then that one (a second
   * click, a second counter). The pharmacy row is locked so two requests cannot both start one.
   */
  ExportRecord startOrRunning(String id, String finess, String login, Instant now) {
    return db.inTransaction(
        h -> {
          h.createQuery("SELECT finess FROM pharmacy WHERE finess = :finess FOR UPDATE")
              .bind("finess", finess)
              .mapTo(String.class)
              .findOne();
          Optional<ExportRecord> running =
              h.createQuery(
                      SELECT
                          + "WHERE pharmacy_finess = :finess AND status = 'RUNNING' ORDER BY created_at DESC")
                  .bind("finess", finess)
                  .map(ROW)
                  .findFirst();
          if (running.isPresent()) {
            return running.get();
          }
          h.createUpdate(
                  "INSERT INTO data_export (id, pharmacy_finess, requested_by, status, rows_done, rows_total,"
                      + " created_at, heartbeat_at) VALUES (:id, :finess, :login, 'RUNNING', 0, 0, :now, :now)")
              .bind("id", id)
              .bind("finess", finess)
              .bind("login", login)
              .bind("now", utc(now))
              .execute();
          return byId(h, id).orElseThrow();
        });
  }

  Optional<ExportRecord> find(String id, String finess) {
    return db.withHandle(
        h ->
            h.createQuery(SELECT + "WHERE id = :id AND pharmacy_finess = :finess")
                .bind("id", id)
                .bind("finess", finess)
                .map(ROW)
                .findOne());
  }

  List<ExportRecord> list(String finess, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    SELECT
                        + "WHERE pharmacy_finess = :finess ORDER BY created_at DESC FETCH FIRST "
                        + Math.max(1, limit)
                        + " ROWS ONLY")
                .bind("finess", finess)
                .map(ROW)
                .list());
  }

  void progress(String id, long done, long total, Instant now) {
    db.useTransaction(
        h ->
            h.createUpdate(
                    "UPDATE data_export SET rows_done = :done, rows_total = :total, heartbeat_at = :now"
                        + " WHERE id = :id AND status = 'RUNNING'")
                .bind("done", done)
                .bind("total", total)
                .bind("now", utc(now))
                .bind("id", id)
                .execute());
  }

  void done(String id, long rows, long size, String sha256, Instant now, Instant expiresAt) {
    db.useTransaction(
        h ->
            h.createUpdate(
                    "UPDATE data_export SET status = 'DONE', rows_done = :rows, rows_total = :rows, size_bytes = :size,"
                        + " sha256 = :sha256, heartbeat_at = :now, finished_at = :now, expires_at = :expires"
                        + " WHERE id = :id AND status = 'RUNNING'")
                .bind("rows", rows)
                .bind("size", size)
                .bind("sha256", sha256)
                .bind("now", utc(now))
                .bind("expires", utc(expiresAt))
                .bind("id", id)
                .execute());
  }

  void failed(String id, String problem, Instant now) {
    db.useTransaction(
        h ->
            h.createUpdate(
                    "UPDATE data_export SET status = 'FAILED', problem = :problem, finished_at = :now"
                        + " WHERE id = :id AND status = 'RUNNING'")
                .bind("problem", problem.length() > 500 ? problem.substring(0, 500) : problem)
                .bind("now", utc(now))
                .bind("id", id)
                .execute());
  }

  void expired(String id) {
    db.useTransaction(
        h ->
            h.createUpdate(
                    "UPDATE data_export SET status = 'EXPIRED' WHERE id = :id AND status = 'DONE'")
                .bind("id", id)
                .execute());
  }

  /** DONE exports whose retention is over: their archives are to delete. */
  List<ExportRecord> dueForDeletion(Instant now) {
    return db.withHandle(
        h ->
            h.createQuery(SELECT + "WHERE status = 'DONE' AND expires_at < :now")
                .bind("now", utc(now))
                .map(ROW)
                .list());
  }

  /** RUNNING exports that gave no sign of life since {@code before}: their process stopped. */
  List<ExportRecord> silentSince(Instant before) {
    return db.withHandle(
        h ->
            h.createQuery(SELECT + "WHERE status = 'RUNNING' AND heartbeat_at < :before")
                .bind("before", utc(before))
                .map(ROW)
                .list());
  }

  private static Optional<ExportRecord> byId(Handle h, String id) {
    return h.createQuery(SELECT + "WHERE id = :id").bind("id", id).map(ROW).findOne();
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
