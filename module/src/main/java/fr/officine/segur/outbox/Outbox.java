package fr.officine.segur.outbox;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The durable outbox (DESIGN.md "The counter flow"): rows written in the dispensation's own
 * transaction, claimed by pollers with a conditional UPDATE (two pollers, in one JVM or on two
 * nodes, never send the same row at the same time), settled once per attempt.
 */
@ApplicationScoped
public class Outbox {
  private static final String COLUMNS =
      "id, target, dispensation_id, pharmacy_finess, state, reason, attempts, next_attempt_at,"
          + " last_attempt_at, created_at";

  private Database db;
  private Clock clock;

  protected Outbox() {}

  @Inject
  public Outbox(Database db) {
    this(db, Clock.systemUTC());
  }

  public Outbox(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Adds a send inside the caller's Jdbi transaction (the dispensation's: DispensationFeed.write).
   * For now on the handle's connection; the outbox's own move to Jdbi keeps this signature.
   */
  public void enqueue(
      Handle handle,
      DispensationId dispensation,
      String pharmacyFiness,
      OutboxTarget target,
      OutboxState state,
      Optional<String> reason) {
    try {
      enqueue(handle.getConnection(), dispensation, pharmacyFiness, target, state, reason);
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
  }

  /** Adds a send on {@code c}, inside the caller's transaction. */
  public void enqueue(
      Connection c,
      DispensationId dispensation,
      String pharmacyFiness,
      OutboxTarget target,
      OutboxState state,
      Optional<String> reason)
      throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(clock);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO outbox (id, target, dispensation_id, pharmacy_finess, state, reason,"
                + " attempts, next_attempt_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
      ps.setString(1, UUID.randomUUID().toString());
      ps.setString(2, target.name());
      ps.setString(3, dispensation.toString());
      ps.setString(4, pharmacyFiness);
      ps.setString(5, state.name());
      ps.setString(6, reason.map(Outbox::truncate).orElse(null));
      ps.setObject(7, now);
      ps.setObject(8, now);
      ps.setObject(9, now);
      ps.executeUpdate();
    }
  }

  /**
   * Claims up to {@code limit} due PENDING rows for {@code lease}: each one is taken by a
   * conditional UPDATE that only one poller can win, which also counts the attempt. A poller that
   * dies holding a row loses it when the lease ends.
   */
  public List<OutboxEntry> claimDue(int limit, Duration lease) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<String> due =
        db.jdbcRead(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT id FROM outbox WHERE state = 'PENDING' AND next_attempt_at <= ?"
                          + " AND (claimed_until IS NULL OR claimed_until < ?)"
                          + " ORDER BY next_attempt_at FETCH FIRST " + limit + " ROWS ONLY")) {
                ps.setObject(1, now);
                ps.setObject(2, now);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    ids.add(rs.getString(1));
                  }
                }
                return ids;
              }
            });
    List<OutboxEntry> claimed = new ArrayList<>();
    for (String id : due) {
      boolean won =
          db.jdbcTransaction(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE outbox SET claimed_until = ?, attempts = attempts + 1,"
                            + " last_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'PENDING'"
                            + " AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)")) {
                  ps.setObject(1, now.plus(lease));
                  ps.setObject(2, now);
                  ps.setObject(3, now);
                  ps.setString(4, id);
                  ps.setObject(5, now);
                  ps.setObject(6, now);
                  return ps.executeUpdate() == 1;
                }
              });
      if (won) {
        find(id).ifPresent(claimed::add);
      }
    }
    return claimed;
  }

  /** Settles a claimed row for good (SENT, REFUSED, NOT_APPLICABLE). */
  public void settle(String id, OutboxState state, String reason) {
    if (state == OutboxState.PENDING) {
      throw new IllegalArgumentException("settle to a final state");
    }
    update(
        "UPDATE outbox SET state = ?, reason = ?, claimed_until = NULL, updated_at = ?"
            + " WHERE id = ? AND state = 'PENDING'",
        state.name(),
        truncate(reason),
        OffsetDateTime.now(clock),
        id);
  }

  /** A technical failure: stays PENDING, due again after {@code delay}. */
  public void reschedule(String id, Duration delay, String reason) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    update(
        "UPDATE outbox SET next_attempt_at = ?, reason = ?, claimed_until = NULL, updated_at = ?"
            + " WHERE id = ? AND state = 'PENDING'",
        now.plus(delay),
        truncate(reason),
        now,
        id);
  }

  /**
   * A send settled NOT_APPLICABLE becomes due again, with {@code reason}: the DMP send left to the
   * DP (route via-dp) when the DP cannot carry it (no DP, closed, access refused). Returns whether
   * a row was reopened.
   */
  public boolean reopen(DispensationId dispensation, OutboxTarget target, String reason) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return update(
            "UPDATE outbox SET state = 'PENDING', reason = ?, next_attempt_at = ?, claimed_until = NULL,"
                + " updated_at = ? WHERE dispensation_id = ? AND target = ? AND state = 'NOT_APPLICABLE'",
            truncate(reason),
            now,
            now,
            dispensation.toString(),
            target.name())
        == 1;
  }

  /**
   * Like {@link #reopen}, only when the send was settled NOT_APPLICABLE for {@code because}
   * exactly (e.g. the INS was not qualified yet): other settled sends are left alone.
   */
  public boolean reopenIf(DispensationId dispensation, OutboxTarget target, String because, String reason) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return update(
            "UPDATE outbox SET state = 'PENDING', reason = ?, next_attempt_at = ?, claimed_until = NULL,"
                + " updated_at = ? WHERE dispensation_id = ? AND target = ? AND state = 'NOT_APPLICABLE'"
                + " AND reason = ?",
            truncate(reason),
            now,
            now,
            dispensation.toString(),
            target.name(),
            truncate(because))
        == 1;
  }

  /** The pharmacist's "Réessayer": every PENDING send of the pharmacy is due now. */
  public int retryNow(String pharmacyFiness) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return update(
        "UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE pharmacy_finess = ?"
            + " AND state = 'PENDING' AND next_attempt_at > ?",
        now,
        now,
        pharmacyFiness,
        now);
  }

  public List<OutboxEntry> forDispensation(DispensationId id) {
    return list(
        "SELECT " + COLUMNS + " FROM outbox WHERE dispensation_id = ? ORDER BY target",
        id.toString());
  }

  /** The pharmacy's waiting sends and its recent final refusals (newest first, at most {@code recent}). */
  public Summary summary(String pharmacyFiness, int recent) {
    List<OutboxEntry> pending =
        list(
            "SELECT " + COLUMNS + " FROM outbox WHERE pharmacy_finess = ? AND state = 'PENDING'"
                + " ORDER BY created_at",
            pharmacyFiness);
    List<OutboxEntry> refused =
        list(
            "SELECT " + COLUMNS + " FROM outbox WHERE pharmacy_finess = ? AND state = 'REFUSED'"
                + " ORDER BY updated_at DESC FETCH FIRST " + recent + " ROWS ONLY",
            pharmacyFiness);
    return new Summary(pending, refused);
  }

  /** What {@code GET /api/v1/outbox} shows. */
  public record Summary(List<OutboxEntry> pending, List<OutboxEntry> refused) {}

  public Optional<OutboxEntry> find(String id) {
    return list("SELECT " + COLUMNS + " FROM outbox WHERE id = ?", id).stream().findFirst();
  }

  private List<OutboxEntry> list(String sql, String parameter) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            List<OutboxEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new OutboxEntry(
                        rs.getString(1),
                        OutboxTarget.valueOf(rs.getString(2)),
                        DispensationId.parse(rs.getString(3)),
                        rs.getString(4),
                        OutboxState.valueOf(rs.getString(5)),
                        Optional.ofNullable(rs.getString(6)),
                        rs.getInt(7),
                        rs.getObject(8, OffsetDateTime.class),
                        Optional.ofNullable(rs.getObject(9, OffsetDateTime.class)),
                        rs.getObject(10, OffsetDateTime.class)));
              }
            }
            return out;
          }
        });
  }

  private int update(String sql, Object... parameters) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
              ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
          }
        });
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
  }
}
