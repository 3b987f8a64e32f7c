package fr.officine.segur.dispensation;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.data.DataAccessException;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.DuplicateKeyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Update;

/**
 * The Idempotency-Key records, per pharmacy. The database arbitrates: the first INSERT of a
 * (pharmacy, key) wins, a concurrent one fails on the primary key, whatever thread, JVM or node it
 * comes from. No Java lock is involved.
 */
@ApplicationScoped
public class IdempotencyStore {
  private static final int MAX_ATTEMPTS = 3;

  private Database db;
  private Clock clock;

  protected IdempotencyStore() {}

  @Inject
  public IdempotencyStore(Database db) {
    this(db, Clock.systemUTC());
  }

  IdempotencyStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** What happened when a request tried to take a key. */
  public sealed interface Claim {}

  /** The request owns the key; {@code fresh} false: a released key, with its dispensation id. */
  public record Claimed(DispensationId dispensationId, boolean fresh) implements Claim {}

  /** The key's request completed: here is its answer, to send again verbatim. */
  public record Completed(StoredAnswer answer) implements Claim {}

  /** Another request with this key is running now. */
  public record InProgress() implements Claim {}

  /** The key was used for a different request. */
  public record Reused() implements Claim {}

  /** A stored HTTP answer; {@code dispensationId} lets the replay rebuild the Location header. */
  public record StoredAnswer(
      int status, String mediaType, String body, DispensationId dispensationId) {}

  public Claim claim(String finess, String key, String fingerprint, DispensationId candidate) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        insert(finess, key, fingerprint, candidate);
        return new Claimed(candidate, true);
      } catch (DuplicateKeyException taken) {
        // someone has this key: see what they did with it
      } catch (DataAccessException e) {
        if (isLockConflict(e)) {
          // the other INSERT is not committed yet (H2 lock timeout, PostgreSQL serialization)
          return new InProgress();
        }
        throw e;
      }
      Optional<Row> row = find(finess, key);
      if (row.isEmpty()) {
        continue;
      }
      Row r = row.get();
      if (!r.fingerprint().equals(fingerprint)) {
        return new Reused();
      }
      switch (r.state()) {
        case "COMPLETED":
          return new Completed(
              new StoredAnswer(r.status(), r.mediaType(), r.body(), r.dispensationId()));
        case "IN_PROGRESS":
          return new InProgress();
        default:
          if (takeReleased(finess, key)) {
            return new Claimed(r.dispensationId(), false);
          }
          // another replay took it between our read and our update: read again
      }
    }
    return new InProgress();
  }

  /** Stores the answer: from now on the key replays it. */
  public void complete(String finess, String key, StoredAnswer answer) {
    update(
        "UPDATE idempotency_record SET state = 'COMPLETED', response_status = :answer.status,"
            + " response_type = :answer.mediaType, response_body = :answer.body, updated_at = :now"
            + " WHERE pharmacy_finess = :finess AND idem_key = :key",
        u -> u.bindMethods("answer", answer).bind("finess", finess).bind("key", key));
  }

  /**
   * The request failed without a definitive answer (base unavailable, defect): a replay with the
   * same key may take the key again, and will resend the same dispensation id.
   */
  public void release(String finess, String key) {
    update(
        "UPDATE idempotency_record SET state = 'RETRYABLE', updated_at = :now"
            + " WHERE pharmacy_finess = :finess AND idem_key = :key AND state = 'IN_PROGRESS'",
        u -> u.bind("finess", finess).bind("key", key));
  }

  /** Keys left IN_PROGRESS by a request that died (crash, kill): released. Returns how many. */
  public int releaseAbandoned(OffsetDateTime before) {
    return update(
        "UPDATE idempotency_record SET state = 'RETRYABLE', updated_at = :now"
            + " WHERE state = 'IN_PROGRESS' AND updated_at < :before",
        u -> u.bind("before", before));
  }

  private void insert(String finess, String key, String fingerprint, DispensationId candidate) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    db.useTransaction(
        h ->
            h.createUpdate(
                    "INSERT INTO idempotency_record (pharmacy_finess, idem_key, fingerprint, state,"
                        + " dispensation_id, created_at, updated_at)"
                        + " VALUES (:finess, :key, :fingerprint, 'IN_PROGRESS', :candidate, :now, :now)")
                .bind("finess", finess)
                .bind("key", key)
                .bind("fingerprint", fingerprint)
                .bind("candidate", candidate)
                .bind("now", now)
                .execute());
  }

  private boolean takeReleased(String finess, String key) {
    return update(
            "UPDATE idempotency_record SET state = 'IN_PROGRESS', updated_at = :now"
                + " WHERE pharmacy_finess = :finess AND idem_key = :key AND state = 'RETRYABLE'",
            u -> u.bind("finess", finess).bind("key", key))
        == 1;
  }

  record Row(
      String fingerprint,
      String state,
      DispensationId dispensationId,
      int status,
      String mediaType,
      String body) {}

  private Optional<Row> find(String finess, String key) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT fingerprint, state, dispensation_id, response_status AS status,"
                        + " response_type AS media_type, response_body AS body FROM idempotency_record"
                        + " WHERE pharmacy_finess = :finess AND idem_key = :key")
                .bind("finess", finess)
                .bind("key", key)
                .map(ConstructorMapper.of(Row.class))
                .findOne());
  }

  /** Runs one UPDATE, {@code :now} bound to the clock's now and the rest by {@code binder}. */
  private int update(String sql, UnaryOperator<Update> binder) {
    return db.inTransaction(
        h -> binder.apply(h.createUpdate(sql).bind("now", OffsetDateTime.now(clock))).execute());
  }

  /** H2 "HYT00" lock timeout, PostgreSQL "40001"/"40P01": the other writer has not finished. */
  private static boolean isLockConflict(DataAccessException e) {
    if (e.getCause() instanceof SQLException s) {
      String state = s.getSQLState();
      return "HYT00".equals(state) || "40001".equals(state) || "40P01".equals(state);
    }
    return false;
  }
}
