package fr.officine.segur.outbox;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.data.Database;
import fr.officine.segur.event.FeedEvents;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The durable outbox (DESIGN.md "The counter flow"), shared by every node (issue 13 §3): rows
 * written in the dispensation's own transaction, claimed with {@code FOR UPDATE SKIP LOCKED} and a
 * lease (two nodes never send the same row at the same time; a dead node's rows are taken over when
 * its lease ends), settled once per claim.
 */
@ApplicationScoped
public class Outbox {
  private static final String COLUMNS =
      "id, target, dispensation_id, pharmacy_finess, state, reason, attempts, next_attempt_at,"
          + " last_attempt_at, created_at, reason_code";

  private Database db;
  private Clock clock;
  private FeedEvents feed;

  protected Outbox() {}

  @Inject
  public Outbox(Database db, FeedEvents feed) {
    this(db, Clock.systemUTC(), feed);
  }

  /** Outside the container: the same event feed on {@code db}. */
  public Outbox(Database db) {
    this(db, Clock.systemUTC(), FeedEvents.on(db));
  }

  public Outbox(Database db, Clock clock) {
    this(db, clock, FeedEvents.on(db));
  }

  Outbox(Database db, Clock clock, FeedEvents feed) {
    this.db = db;
    this.clock = clock;
    this.feed = feed;
  }

  /**
   * Adds a send inside the caller's Jdbi transaction (the dispensation's: DispensationFeed.write).
   * A send queued already settled (NOT_APPLICABLE: INS not qualified yet, nothing for the DP…) is a
   * change the LGO follows like an attempt's: its event goes in the pharmacy's feed on the same
   * handle (issue 15 §1); a PENDING one waits for its attempts' events.
   */
  public void enqueue(
      Handle handle,
      DispensationId dispensation,
      String pharmacyFiness,
      OutboxTarget target,
      OutboxState state,
      Optional<Reason> reason) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    String id = UUID.randomUUID().toString();
    handle
        .createUpdate(
            "INSERT INTO outbox (id, target, dispensation_id, pharmacy_finess, state, reason,"
                + " attempts, next_attempt_at, created_at, updated_at, reason_code)"
                + " VALUES (:id, :target, :dispensation, :finess, :state, :reason, 0, :now, :now,"
                + " :now, :reasonCode)")
        .bind("id", id)
        .bind("target", target.name())
        .bind("dispensation", dispensation.toString())
        .bind("finess", pharmacyFiness)
        .bind("state", state.name())
        .bind("reason", reason.map(r -> truncate(r.text())).orElse(null))
        .bind("now", now)
        .bind("reasonCode", reason.map(r -> r.code().name()).orElse(null))
        .execute();
    if (state != OutboxState.PENDING) {
      feed.sendQueuedSettled(handle, id);
    }
  }

  /**
   * Claims, for this node, up to {@code limit} due PENDING rows of {@code target} (issue 13 §3):
   * one transaction locks candidate rows with {@code SELECT … FOR UPDATE SKIP LOCKED} (rows another
   * node is claiming at this instant are skipped, never waited for), keeps those the per-pharmacy
   * bound allows, and leases them: {@code claimed_by} this node, {@code lease_until} now + lease,
   * the attempt counted. Rows under a live lease are not due; a dead node's rows are due again when
   * their lease ends. H2 2.2 and PostgreSQL run the same statement.
   *
   * @param inFlight this node's sends under way per pharmacy
   * @param perPharmacy at most this many sends of one pharmacy under way on this node
   */
  public List<OutboxEntry> claimDue(
      OutboxTarget target,
      int limit,
      Duration leaseLength,
      String node,
      Map<String, Integer> inFlight,
      int perPharmacy) {
    if (limit <= 0) {
      return List.of();
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<String> saturated =
        inFlight.entrySet().stream()
            .filter(e -> e.getValue() >= perPharmacy)
            .map(Map.Entry::getKey)
            .toList();
    List<String> ids =
        db.inTransaction(
            h -> {
              // more candidates than needed: some may belong to a pharmacy at its bound
              var candidates =
                  h.createQuery(
                          "SELECT id, pharmacy_finess FROM outbox WHERE target = :target AND state = 'PENDING'"
                              + " AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)"
                              + (saturated.isEmpty()
                                  ? ""
                                  : " AND pharmacy_finess NOT IN (<saturated>)")
                              + " ORDER BY next_attempt_at, id FETCH FIRST "
                              + (limit * 4)
                              + " ROWS ONLY"
                              + " FOR UPDATE SKIP LOCKED")
                      .bind("target", target.name())
                      .bind("now", now);
              if (!saturated.isEmpty()) {
                candidates.bindList("saturated", saturated);
              }
              List<String[]> locked =
                  candidates
                      .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                      .list();
              List<String> taken = new ArrayList<>();
              Map<String, Integer> perPharmacyTaken = new HashMap<>(inFlight);
              for (String[] row : locked) {
                if (taken.size() < limit
                    && perPharmacyTaken.merge(row[1], 1, Integer::sum) <= perPharmacy) {
                  taken.add(row[0]);
                }
              }
              // the rows locked but not kept are free again at commit, unleased
              if (!taken.isEmpty()) {
                var lease =
                    h.prepareBatch(
                        "UPDATE outbox SET claimed_by = :node, lease_until = :until, attempts = attempts + 1,"
                            + " last_attempt_at = :now, updated_at = :now WHERE id = :id");
                for (String id : taken) {
                  lease
                      .bind("node", node)
                      .bind("until", now.plus(leaseLength))
                      .bind("now", now)
                      .bind("id", id)
                      .add();
                }
                lease.execute();
              }
              return taken;
            });
    List<OutboxEntry> claimed = new ArrayList<>();
    for (String id : ids) {
      find(id).ifPresent(claimed::add);
    }
    return claimed;
  }

  /**
   * Settles the claim {@code claim} for good (SENT, REFUSED, NOT_APPLICABLE): only while it is
   * still that claim (same node, same attempt). A node whose lease ended and whose row was taken
   * over changes nothing; the node that took it over settles it (the DMP recognises the document by
   * its uniqueId: "already there" is SENT). Returns whether the row was settled.
   */
  public boolean settle(OutboxEntry claim, String node, OutboxState state, Reason reason) {
    if (state == OutboxState.PENDING) {
      throw new IllegalArgumentException("settle to a final state");
    }
    return attempted(
        claim.id(),
        "UPDATE outbox SET state = ?, reason = ?, reason_code = ?, lease_until = NULL, claimed_by = NULL,"
            + " updated_at = ? WHERE id = ? AND state = 'PENDING' AND claimed_by = ? AND attempts = ?",
        state.name(),
        truncate(reason.text()),
        reason.code().name(),
        OffsetDateTime.now(clock),
        claim.id(),
        node,
        claim.attempts());
  }

  /** A technical failure of the claim: stays PENDING, due again after {@code delay}. */
  public boolean reschedule(OutboxEntry claim, String node, Duration delay, Reason reason) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return attempted(
        claim.id(),
        "UPDATE outbox SET next_attempt_at = ?, reason = ?, reason_code = ?, lease_until = NULL,"
            + " claimed_by = NULL, updated_at = ? WHERE id = ? AND state = 'PENDING' AND claimed_by = ?"
            + " AND attempts = ?",
        now.plus(delay),
        truncate(reason.text()),
        reason.code().name(),
        now,
        claim.id(),
        node,
        claim.attempts());
  }

  /**
   * An attempt's outcome written, with its event in the pharmacy's feed, in one transaction; only
   * when the row moved (the claim still held): a claim taken over by another node writes nothing.
   */
  private boolean attempted(String id, String sql, Object... parameters) {
    return db.inTransaction(
        h -> {
          try {
            if (update(h.getConnection(), sql, parameters) != 1) {
              return false;
            }
          } catch (SQLException e) {
            throw Database.failure(e);
          }
          feed.sendAttempted(h, id); // last: the feed's lock is held only until the commit
          return true;
        });
  }

  /**
   * A send settled NOT_APPLICABLE becomes due again, with {@code reason}: the DMP send left to the
   * DP (route via-dp) when the DP cannot carry it (no DP, closed, access refused). Returns whether
   * a row was reopened.
   */
  public boolean reopen(DispensationId dispensation, OutboxTarget target, Reason reason) {
    return reopened(dispensation, target, reason, Optional.empty());
  }

  /**
   * Like {@link #reopen}, only when the send was settled NOT_APPLICABLE for the reason code {@code
   * because} (e.g. the INS was not qualified yet): other settled sends are left alone. A code, not
   * the sentence: rewording the text leaves the rows already stored matching (issue 14 §2).
   */
  public boolean reopenIf(
      DispensationId dispensation, OutboxTarget target, SendReason because, Reason reason) {
    return reopened(dispensation, target, reason, Optional.of(because));
  }

  /**
   * The NOT_APPLICABLE send of {@code target} made due again, and its SEND_REOPENED event in the
   * pharmacy's feed, in one transaction; only when the row moved (a second qualification finds
   * nothing left and writes nothing); with {@code because}, only a send settled for that reason.
   */
  private boolean reopened(
      DispensationId dispensation,
      OutboxTarget target,
      Reason reason,
      Optional<SendReason> because) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return db.inTransaction(
        h -> {
          var update =
              h.createUpdate(
                      "UPDATE outbox SET state = 'PENDING', reason = :reason, reason_code = :code,"
                          + " next_attempt_at = :now, lease_until = NULL, claimed_by = NULL,"
                          + " updated_at = :now WHERE dispensation_id = :dispensation"
                          + " AND target = :target AND state = 'NOT_APPLICABLE'"
                          + (because.isPresent() ? " AND reason_code = :because" : ""))
                  .bind("reason", truncate(reason.text()))
                  .bind("code", reason.code().name())
                  .bind("now", now)
                  .bind("dispensation", dispensation.toString())
                  .bind("target", target.name());
          because.ifPresent(b -> update.bind("because", b.name()));
          if (update.execute() != 1) {
            return false;
          }
          // one send per target and dispensation (the table's unique key)
          String id =
              h.createQuery(
                      "SELECT id FROM outbox WHERE dispensation_id = :dispensation AND target = :target")
                  .bind("dispensation", dispensation.toString())
                  .bind("target", target.name())
                  .mapTo(String.class)
                  .one();
          feed.sendReopened(h, id); // last: the feed's lock is held only until the commit
          return true;
        });
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

  /**
   * The pharmacy's waiting sends and its recent final refusals (newest first, at most {@code
   * recent}).
   */
  public Summary summary(String pharmacyFiness, int recent) {
    List<OutboxEntry> pending =
        list(
            "SELECT "
                + COLUMNS
                + " FROM outbox WHERE pharmacy_finess = ? AND state = 'PENDING'"
                + " ORDER BY created_at",
            pharmacyFiness);
    List<OutboxEntry> refused =
        list(
            "SELECT "
                + COLUMNS
                + " FROM outbox WHERE pharmacy_finess = ? AND state = 'REFUSED'"
                + " ORDER BY updated_at DESC FETCH FIRST "
                + recent
                + " ROWS ONLY",
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
                        rs.getObject(10, OffsetDateTime.class),
                        Optional.ofNullable(rs.getString(11)).map(SendReason::valueOf)));
              }
            }
            return out;
          }
        });
  }

  private int update(String sql, Object... parameters) {
    return db.jdbcTransaction(c -> update(c, sql, parameters));
  }

  private static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      return ps.executeUpdate();
    }
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
  }
}
