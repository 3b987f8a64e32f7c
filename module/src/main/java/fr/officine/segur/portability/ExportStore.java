package fr.officine.segur.portability;

import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code data_export} table: one row per export, its progress and its end. */
@ApplicationScoped
public class ExportStore {
  private static final String COLUMNS =
      "id, pharmacy_finess, requested_by, status, rows_done, rows_total, size_bytes, sha256, problem,"
          + " created_at, heartbeat_at, finished_at, expires_at";

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
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement lock =
              c.prepareStatement("SELECT finess FROM pharmacy WHERE finess = ? FOR UPDATE")) {
            lock.setString(1, finess);
            lock.executeQuery().close();
          }
          Optional<ExportRecord> running =
              first(c, "WHERE pharmacy_finess = ? AND status = 'RUNNING' ORDER BY created_at DESC", finess);
          if (running.isPresent()) {
            return running.get();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO data_export (id, pharmacy_finess, requested_by, status, rows_done,"
                      + " rows_total, created_at, heartbeat_at) VALUES (?, ?, ?, 'RUNNING', 0, 0, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, finess);
            ps.setString(3, login);
            ps.setObject(4, utc(now));
            ps.setObject(5, utc(now));
            ps.executeUpdate();
          }
          return first(c, "WHERE id = ?", id).orElseThrow();
        });
  }

  Optional<ExportRecord> find(String id, String finess) {
    return db.jdbcRead(c -> first(c, "WHERE id = ? AND pharmacy_finess = ?", id, finess));
  }

  List<ExportRecord> list(String finess, int limit) {
    return db.jdbcRead(
        c ->
            all(
                c,
                "WHERE pharmacy_finess = ? ORDER BY created_at DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                finess));
  }

  void progress(String id, long done, long total, Instant now) {
    update(
        "UPDATE data_export SET rows_done = ?, rows_total = ?, heartbeat_at = ? WHERE id = ? AND status = 'RUNNING'",
        ps -> {
          ps.setLong(1, done);
          ps.setLong(2, total);
          ps.setObject(3, utc(now));
          ps.setString(4, id);
        });
  }

  void done(String id, long rows, long size, String sha256, Instant now, Instant expiresAt) {
    update(
        "UPDATE data_export SET status = 'DONE', rows_done = ?, rows_total = ?, size_bytes = ?, sha256 = ?,"
            + " heartbeat_at = ?, finished_at = ?, expires_at = ? WHERE id = ? AND status = 'RUNNING'",
        ps -> {
          ps.setLong(1, rows);
          ps.setLong(2, rows);
          ps.setLong(3, size);
          ps.setString(4, sha256);
          ps.setObject(5, utc(now));
          ps.setObject(6, utc(now));
          ps.setObject(7, utc(expiresAt));
          ps.setString(8, id);
        });
  }

  void failed(String id, String problem, Instant now) {
    update(
        "UPDATE data_export SET status = 'FAILED', problem = ?, finished_at = ? WHERE id = ? AND status = 'RUNNING'",
        ps -> {
          ps.setString(1, problem.length() > 500 ? problem.substring(0, 500) : problem);
          ps.setObject(2, utc(now));
          ps.setString(3, id);
        });
  }

  void expired(String id) {
    update("UPDATE data_export SET status = 'EXPIRED' WHERE id = ? AND status = 'DONE'", ps -> ps.setString(1, id));
  }

  /** DONE exports whose retention is over: their archives are to delete. */
  List<ExportRecord> dueForDeletion(Instant now) {
    return db.jdbcRead(c -> all(c, "WHERE status = 'DONE' AND expires_at < ?", utc(now)));
  }

  /** RUNNING exports that gave no sign of life since {@code before}: their process stopped. */
  List<ExportRecord> silentSince(Instant before) {
    return db.jdbcRead(c -> all(c, "WHERE status = 'RUNNING' AND heartbeat_at < ?", utc(before)));
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private void update(String sql, Binder binder) {
    db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
          }
        });
  }

  private static Optional<ExportRecord> first(Connection c, String where, Object... params) throws SQLException {
    List<ExportRecord> found = all(c, where, params);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<ExportRecord> all(Connection c, String where, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM data_export " + where)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<ExportRecord> found = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(read(rs));
        }
      }
      return found;
    }
  }

  private static ExportRecord read(ResultSet rs) throws SQLException {
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
        instant(rs, "created_at"),
        instant(rs, "heartbeat_at"),
        instant(rs, "finished_at"),
        instant(rs, "expires_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
