package fr.officine.segur.supervision;

import fr.officine.segur.data.Database;
import fr.officine.segur.outbox.OutboxTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the supervision reads from the shared database: the same figures on every node (the outbox
 * and the dispensations are the instance's, not a node's). Each read is one small aggregate query,
 * run when a health check or a metrics scrape asks.
 */
@ApplicationScoped
public class SupervisionQueries {
  /** How long the database may take to prove a connection alive before the node is not ready. */
  static final int DATABASE_TIMEOUT_SECONDS = 2;

  private Database db;

  protected SupervisionQueries() {}

  @Inject
  public SupervisionQueries(Database db) {
    this.db = db;
  }

  /** The sends still to go out for one target: how many, and since when the oldest waits. */
  public record Waiting(long count, Optional<OffsetDateTime> oldestSince) {
    static final Waiting NONE = new Waiting(0, Optional.empty());
  }

  /** A connection taken from the pool answers within {@link #DATABASE_TIMEOUT_SECONDS}. */
  public boolean databaseAnswers() {
    return db.withHandle(
        h -> {
          try {
            return h.getConnection().isValid(DATABASE_TIMEOUT_SECONDS);
          } catch (java.sql.SQLException e) {
            return false;
          }
        });
  }

  /** Every target, waiting or not (a target with nothing waiting reads 0). */
  public Map<OutboxTarget, Waiting> waitingSends() {
    Map<OutboxTarget, Waiting> out = new EnumMap<>(OutboxTarget.class);
    for (OutboxTarget t : OutboxTarget.values()) {
      out.put(t, Waiting.NONE);
    }
    db.withHandle(
            h ->
                h.createQuery(
                        "SELECT target, COUNT(*) AS waiting, MIN(created_at) AS oldest FROM outbox"
                            + " WHERE state = 'PENDING' GROUP BY target")
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                OutboxTarget.valueOf(rs.getString("target")),
                                new Waiting(
                                    rs.getLong("waiting"),
                                    Optional.ofNullable(
                                        rs.getObject("oldest", OffsetDateTime.class)))))
                    .list())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** How many dispensations of the instance are in {@code status} now. */
  public long dispensations(String status) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM dispensation WHERE status = :status")
                .bind("status", status)
                .mapTo(Long.class)
                .one());
  }
}
