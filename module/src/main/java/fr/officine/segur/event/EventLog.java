package fr.officine.segur.event;

import fr.officine.segur.api.event.EventData;
import fr.officine.segur.api.event.EventType;
import fr.officine.segur.api.event.EventView;
import fr.officine.segur.data.Database;
import fr.officine.segur.http.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * The pharmacy's durable event feed (issue 15 §1, tables {@code pharmacy_event} and {@code
 * pharmacy_event_sequence}, V17). An event is appended on the connection of the transaction that
 * makes the change it reports: it exists exactly when the change does, survives a restart with it,
 * and is written once (the changes are conditional updates that move once).
 *
 * <p>Ids are per pharmacy, 1, 2, 3…, taken by incrementing the pharmacy's row of {@code
 * pharmacy_event_sequence}. That update locks the row until the transaction ends, so the events of
 * one pharmacy commit in the order of their ids: a reader that has seen id n has seen every id
 * below it, and resuming after n loses nothing (a global sequence would let id 6 commit before 5,
 * and a reader resuming after 6 would skip 5 for ever). The lock is taken last in each transaction
 * and held only until its commit. Plain SQL, the same on H2 and PostgreSQL. The append runs on the
 * Jdbi handle of the store's transaction.
 */
@ApplicationScoped
public class EventLog {
  /** The most a page or a catch-up reads at once. */
  public static final int MAX_PAGE = 500;

  private Database db;
  private JsonCodec json;
  private Clock clock;

  protected EventLog() {}

  @Inject
  public EventLog(Database db, JsonCodec json) {
    this(db, json, Clock.systemUTC());
  }

  EventLog(Database db, JsonCodec json, Clock clock) {
    this.db = db;
    this.json = json;
    this.clock = clock;
  }

  /** Appends on {@code h}, inside the caller's transaction; returns the event's id. */
  public long append(Handle h, String pharmacyFiness, EventType type, EventData data) {
    long id = next(h, pharmacyFiness);
    h.createUpdate(
            "INSERT INTO pharmacy_event (pharmacy_finess, id, type, occurred_at, dispensation_id, data)"
                + " VALUES (:finess, :id, :type, :at, :dispensationId, :data)")
        .bind("finess", pharmacyFiness)
        .bind("id", id)
        .bind("type", type.name())
        .bind("at", OffsetDateTime.now(clock))
        .bind("dispensationId", data.dispensationId())
        .bind("data", json.write(data))
        .execute();
    return id;
  }

  private long next(Handle h, String finess) {
    for (int attempt = 0; attempt < LOCK_WAITS; attempt++) {
      if (increment(h, finess)) {
        return h.createQuery(
                "SELECT last_id FROM pharmacy_event_sequence WHERE pharmacy_finess = :finess")
            .bind("finess", finess)
            .mapTo(Long.class)
            .one();
      }
      // a pharmacy installed after V17: its first event creates its row; a writer racing it fails
      // on the key (or its wait), goes back to its savepoint and increments the row then
      createSequence(h, finess);
    }
    throw new IllegalStateException("no event sequence for pharmacy " + finess);
  }

  /**
   * The pharmacy's sequence row incremented (and locked until the commit). The writers of one
   * pharmacy queue on that row; H2 gives up a wait after its lock timeout (one second) with the
   * statement alone failed, so a wait longer than that on a busy machine is waited again, up to
   * {@link #LOCK_WAITS} times, rather than failing the change the event reports (PostgreSQL waits).
   */
  private static boolean increment(Handle h, String finess) {
    for (int wait = 1; ; wait++) {
      try {
        return h.createUpdate(
                    "UPDATE pharmacy_event_sequence SET last_id = last_id + 1 WHERE pharmacy_finess = :finess")
                .bind("finess", finess)
                .execute()
            == 1;
      } catch (JdbiException e) {
        if (!isLockTimeout(e) || wait >= LOCK_WAITS) {
          throw e;
        }
      }
    }
  }

  private static boolean isLockTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && LOCK_TIMEOUT.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** H2's "Timeout trying to lock table". */
  private static final String LOCK_TIMEOUT = "HYT00";

  private static final int LOCK_WAITS = 30;

  /**
   * The pharmacy's row, in the caller's transaction, behind a savepoint: Jdbi reuses the thread's
   * open handle, so a transaction of its own would be this one, and on PostgreSQL a failed
   * statement aborts the whole transaction (the change the event reports) unless rolled back to a
   * savepoint.
   */
  private static void createSequence(Handle h, String finess) {
    h.savepoint(SAVEPOINT);
    try {
      h.createUpdate(
              "INSERT INTO pharmacy_event_sequence (pharmacy_finess, last_id) VALUES (:finess, 0)")
          .bind("finess", finess)
          .execute();
      h.releaseSavepoint(SAVEPOINT);
    } catch (JdbiException e) {
      h.rollbackToSavepoint(SAVEPOINT);
      // created meanwhile (the key), or still locked by the writer creating it: either way it
      // exists, or will when that writer ends; the increment waits for it
      if (!isLockTimeout(e) && !isUniqueViolation(e)) {
        throw e;
      }
    }
  }

  private static final String SAVEPOINT = "pharmacy_event_sequence";

  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The pharmacy's events after {@code after}, oldest first, at most {@code limit} (≤ {@link
   * #MAX_PAGE} + 1: a page and the first event of the next, to know whether one follows).
   */
  public List<EventView> after(String pharmacyFiness, long after, int limit) {
    int n = Math.max(1, Math.min(limit, MAX_PAGE + 1));
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, type, occurred_at, data FROM pharmacy_event WHERE pharmacy_finess = :finess"
                        + " AND id > :after ORDER BY id FETCH FIRST "
                        + n
                        + " ROWS ONLY")
                .bind("finess", pharmacyFiness)
                .bind("after", after)
                .map(
                    (rs, ctx) ->
                        new EventView(
                            rs.getLong("id"),
                            EventType.valueOf(rs.getString("type")),
                            rs.getObject("occurred_at", OffsetDateTime.class),
                            json.read(rs.getString("data"), EventData.class)))
                .list());
  }

  /** The last committed id of each pharmacy asked (0 when it has none yet). */
  public Map<String, Long> lastIds(Collection<String> pharmacies) {
    Map<String, Long> out = new HashMap<>();
    pharmacies.forEach(f -> out.put(f, 0L));
    if (pharmacies.isEmpty()) {
      return out;
    }
    db.withHandle(
            h ->
                h.createQuery(
                        "SELECT pharmacy_finess, last_id FROM pharmacy_event_sequence WHERE pharmacy_finess IN (<pharmacies>)")
                    .bindList("pharmacies", List.copyOf(pharmacies))
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .list())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
