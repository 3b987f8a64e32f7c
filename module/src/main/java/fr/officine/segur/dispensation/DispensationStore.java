package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Keyset;
import fr.officine.segur.dispensation.Dispensation.Accepted;
import fr.officine.segur.dispensation.Dispensation.HandwrittenLine;
import fr.officine.segur.dispensation.Dispensation.Line;
import fr.officine.segur.dispensation.Dispensation.Refusal;
import fr.officine.segur.event.FeedEvents;
import fr.officine.segur.prescription.ExecutionOutcome;
import fr.officine.segur.prescription.Prescription.Product;
import fr.officine.segur.trust.AuthMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.result.RowView;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The dispensations in the module's database; every method is one short transaction. */
@ApplicationScoped
public class DispensationStore {
  /** The order of {@link #ofPharmacy}'s pages. */
  private static final Keyset NEWEST_FIRST = new Keyset("dispensation", "", "created_at", true);

  private Database db;
  private Clock clock;
  private FeedEvents feed;

  protected DispensationStore() {}

  @Inject
  public DispensationStore(Database db, FeedEvents feed) {
    this(db, Clock.systemUTC(), feed);
  }

  /** Outside the container: the same event feed on {@code db}. */
  public DispensationStore(Database db) {
    this(db, Clock.systemUTC(), FeedEvents.on(db));
  }

  DispensationStore(Database db, Clock clock) {
    this(db, clock, FeedEvents.on(db));
  }

  DispensationStore(Database db, Clock clock, FeedEvents feed) {
    this.db = db;
    this.clock = clock;
    this.feed = feed;
  }

  /**
   * Stores a new dispensation (status SUBMITTING) with its lines, and in the same transaction its
   * lines unknown to the base, as deliveries pending reconciliation (they count once it is
   * RECORDED).
   */
  public Dispensation insert(Dispensation d) {
    db.useTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO dispensation (id, prescription_number, pharmacy_finess, pharmacy_name,"
                      + " login, rpps, pharmacist_name, status, created_at, updated_at, attempts, auth_mode)"
                      + " VALUES (:id, :prescriptionNumber, :pharmacyFiness, :pharmacyName, :login, :rpps,"
                      + " :pharmacistName, :status, :createdAt, :createdAt, 0, :authMode)")
              .bindMethods(d)
              .execute();
          PreparedBatch lines =
              h.prepareBatch(
                  "INSERT INTO dispensation_line (dispensation_id, line_no, line_id, quantity,"
                      + " delivered_cip13, delivered_label, not_delivered_reason, box_lot, box_expiry,"
                      + " box_serial) VALUES (:id, :no, :lineId, :quantity, :cip13, :label, :reason, :lot,"
                      + " :expiry, :serial)");
          int no = 0;
          for (Line l : d.lines()) {
            lines
                .bind("id", d.id())
                .bind("no", no++)
                .bind("lineId", l.lineId())
                .bind("quantity", l.quantity())
                .bind("cip13", l.deliveredProduct().map(Product::code).orElse(null))
                .bind("label", l.deliveredProduct().map(Product::label).orElse(null))
                .bind("reason", l.notDeliveredReason().map(Enum::name).orElse(null))
                .bind("lot", l.box().lot().orElse(null))
                .bindByType("expiry", l.box().expiry().orElse(null), LocalDate.class)
                .bind("serial", l.box().serial().orElse(null))
                .add();
          }
          execute(lines);
          PreparedBatch handwritten =
              h.prepareBatch(
                  "INSERT INTO dispensation_handwritten_line (dispensation_id, line_no, cip13, label, quantity)"
                      + " VALUES (:id, :no, :cip13, :label, :quantity)");
          no = 0;
          for (HandwrittenLine l : d.handwrittenLines()) {
            handwritten.bind("id", d.id()).bind("no", no++).bindMethods(l).add();
          }
          execute(handwritten);
          UnknownProductDeliveries.insert(h, d);
        });
    return d;
  }

  public Optional<Dispensation> find(DispensationId id) {
    return db.withHandle(h -> find(h, id));
  }

  /** One that exists (dispensations are never deleted): read again after a status change. */
  public Dispensation get(DispensationId id) {
    return find(id).orElseThrow(() -> new IllegalStateException("dispensation vanished: " + id));
  }

  /** The dispensations {@code ids} that exist, in that order, in four queries. */
  public List<Dispensation> findAll(List<DispensationId> ids) {
    return db.withHandle(h -> findAll(h, ids));
  }

  /** Counts one more send to the base, before the call. */
  public void countAttempt(DispensationId id) {
    db.useTransaction(
        h ->
            h.createUpdate(
                    "UPDATE dispensation SET attempts = attempts + 1, last_attempt_at = :now, updated_at = :now"
                        + " WHERE id = :id")
                .bind("now", OffsetDateTime.now(clock))
                .bind("id", id)
                .execute());
  }

  /** Who settles an in-doubt dispensation when it is not a pharmacist: the recovery task. */
  public static final String RECOVERY = "recovery";

  /**
   * The base accepted the execution: stores what it accepted per line and the prescription's
   * status, and runs {@code sameTransaction} (the document and the outbox rows) on the handle of
   * the transaction that marks it RECORDED. Only an unsettled (SUBMITTING or IN_DOUBT) dispensation
   * moves, and {@code sameTransaction} runs only when this call is the one that moves it: when two
   * sends of the same id race (a replay and the recovery task), the first answer stored wins and
   * the second changes nothing. {@code by} settles it (null: a replay of the same request).
   */
  public boolean recordAccepted(
      DispensationId id,
      ExecutionOutcome outcome,
      String prescriptionStatus,
      HandleConsumer<RuntimeException> sameTransaction,
      String by) {
    return db.inTransaction(
        h -> {
          if (!move(h, id, DispensationStatus.RECORDED, prescriptionStatus, null, by)) {
            return false;
          }
          PreparedBatch accepted =
              h.prepareBatch(
                  "UPDATE dispensation_line SET accepted_quantity = :quantity, completeness_code = :completenessCode,"
                      + " remaining_quantity = :remainingQuantity WHERE dispensation_id = :id AND line_id = :lineId");
          for (ExecutionOutcome.AcceptedLine a : outcome.acceptedLines()) {
            accepted.bind("id", id).bindMethods(a).add();
          }
          execute(accepted);
          feed.dispensationMoved(h, id.toString());
          // after its event: a send queued already settled (DMP NOT_APPLICABLE, INS not qualified)
          // has its own, which an LGO reads after DISPENSATION_RECORDED; the feed's lock, taken
          // above, is held only for these inserts and until the commit
          sameTransaction.useHandle(h);
          return true;
        });
  }

  /** The base refused the execution for good; same race rule as {@link #recordAccepted}. */
  public boolean recordRefused(DispensationId id, Refusal refusal) {
    return db.inTransaction(
        h -> moved(h, id, move(h, id, DispensationStatus.REFUSED, null, refusal, null)));
  }

  /**
   * The request never reached the base (or the base confirmed it never recorded it, {@code by}
   * settling it): NOT_RECORDED, final. {@code why} is kept as the reason shown.
   */
  public boolean recordNotRecorded(DispensationId id, Refusal why, String by) {
    return db.inTransaction(
        h -> moved(h, id, move(h, id, DispensationStatus.NOT_RECORDED, null, why, by)));
  }

  /** The answer was lost after sending: IN_DOUBT until the base says. Only from SUBMITTING. */
  public boolean recordInDoubt(DispensationId id, Refusal why) {
    return db.inTransaction(
        h -> {
          boolean moved =
              h.createUpdate(
                          "UPDATE dispensation SET status = 'IN_DOUBT', updated_at = :now, problem_code = :code,"
                              + " problem_detail = :detail WHERE id = :id AND status = 'SUBMITTING'")
                      .bind("now", OffsetDateTime.now(clock))
                      .bind("code", why.type().name())
                      .bind("detail", truncate(why.detail(), 2000))
                      .bind("id", id)
                      .execute()
                  == 1;
          return moved(h, id, moved);
        });
  }

  /** The change is in the pharmacy's event feed, in its transaction, when it happened. */
  private boolean moved(Handle h, DispensationId id, boolean moved) {
    if (moved) {
      feed.dispensationMoved(h, id.toString());
    }
    return moved;
  }

  /**
   * Unsettled dispensations whose last change is older than the bound of their status (IN_DOUBT, or
   * SUBMITTING left by a crash): the recovery task asks the base about them.
   */
  public List<DispensationId> unsettledSince(
      OffsetDateTime inDoubtBefore, OffsetDateTime submittingBefore) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM dispensation WHERE (status = 'IN_DOUBT' AND updated_at < :inDoubtBefore)"
                        + " OR (status = 'SUBMITTING' AND updated_at < :submittingBefore) ORDER BY created_at")
                .bind("inDoubtBefore", inDoubtBefore)
                .bind("submittingBefore", submittingBefore)
                .mapTo(DispensationId.class)
                .list());
  }

  /**
   * The pharmacy's dispensations in {@code status}, newest first (at most {@code limit}), those
   * after the dispensation {@code after} in that order only when it is given (the next page: keyset
   * on creation time then id, so a dispensation recorded meanwhile never shifts a page).
   */
  public List<DispensationId> ofPharmacy(
      String finess, DispensationStatus status, Optional<DispensationId> after, int limit) {
    return db.withHandle(
        h ->
            NEWEST_FIRST
                .bindAfter(
                    h.createQuery(
                        "SELECT id FROM dispensation WHERE pharmacy_finess = :finess AND status = :status"
                            + NEWEST_FIRST.after(after)
                            + NEWEST_FIRST.page(limit)),
                    after)
                .bind("finess", finess)
                .bind("status", status.name())
                .mapTo(DispensationId.class)
                .list());
  }

  /**
   * Moves an unsettled dispensation to its final status. One that was IN_DOUBT is settled then:
   * {@code settled_at} now, {@code settled_by} the given one ("replay" when the same request came
   * again and got the base's answer); {@code by} also settles a SUBMITTING one left by a crash.
   */
  private boolean move(
      Handle h,
      DispensationId id,
      DispensationStatus to,
      String prescriptionStatus,
      Refusal refusal,
      String by) {
    String settles = by == null ? "status = 'IN_DOUBT'" : "1 = 1";
    Optional<Refusal> problem = Optional.ofNullable(refusal);
    return h.createUpdate(
                "UPDATE dispensation SET status = :to, updated_at = :now, prescription_status = :prescriptionStatus,"
                    + " problem_code = :code, problem_detail = :detail, problem_line_id = :lineId,"
                    + " settled_at = CASE WHEN "
                    + settles
                    + " THEN :now ELSE settled_at END,"
                    + " settled_by = CASE WHEN "
                    + settles
                    + " THEN :settledBy ELSE settled_by END"
                    + " WHERE id = :id AND status IN ('SUBMITTING', 'IN_DOUBT')")
            .bind("to", to.name())
            .bind("now", OffsetDateTime.now(clock))
            .bind("prescriptionStatus", prescriptionStatus)
            .bind("code", problem.map(r -> r.type().name()).orElse(null))
            .bind("detail", problem.map(r -> truncate(r.detail(), 2000)).orElse(null))
            .bind("lineId", problem.flatMap(Refusal::lineId).orElse(null))
            .bind("settledBy", by == null ? "replay" : by)
            .bind("id", id)
            .execute()
        == 1;
  }

  /** A dispensation_line row as stored. */
  record LineRow(
      String lineId,
      int quantity,
      String deliveredCip13,
      Optional<String> deliveredLabel,
      Optional<NotDeliveredReason> notDeliveredReason,
      Integer acceptedQuantity,
      String completenessCode,
      Integer remainingQuantity,
      Optional<String> boxLot,
      Optional<LocalDate> boxExpiry,
      Optional<String> boxSerial) {
    Line line() {
      return new Line(
          lineId,
          quantity,
          deliveredLabel.map(label -> new Product(deliveredCip13, null, label)),
          notDeliveredReason,
          Optional.ofNullable(acceptedQuantity)
              .map(accepted -> new Accepted(accepted, completenessCode, remainingQuantity)),
          new Dispensation.Box(boxLot, boxExpiry, boxSerial));
    }
  }

  /** A dispensation row as stored. */
  record DispensationRow(
      PrescriptionNumber prescriptionNumber,
      String pharmacyFiness,
      String pharmacyName,
      String login,
      Optional<String> rpps,
      String pharmacistName,
      DispensationStatus status,
      OffsetDateTime createdAt,
      int attempts,
      Optional<OffsetDateTime> lastAttemptAt,
      Optional<String> prescriptionStatus,
      Optional<ProblemType> problemCode,
      String problemDetail,
      Optional<String> problemLineId,
      String authMode,
      Optional<OffsetDateTime> settledAt,
      String settledBy) {
    Dispensation dispensation(
        DispensationId id,
        List<Line> lines,
        List<HandwrittenLine> handwritten,
        List<Dispensation.UnknownProductLine> unknown) {
      return new Dispensation(
          id,
          prescriptionNumber,
          pharmacyFiness,
          pharmacyName,
          login,
          rpps,
          pharmacistName,
          AuthMode.of(authMode),
          status,
          createdAt,
          attempts,
          lastAttemptAt,
          prescriptionStatus,
          problemCode.map(code -> new Refusal(code, problemDetail, problemLineId)),
          lines,
          handwritten,
          unknown,
          settledAt.map(at -> new Dispensation.Settlement(at, settledBy)));
    }
  }

  private static Optional<Dispensation> find(Handle h, DispensationId id) {
    return findAll(h, List.of(id)).stream().findFirst();
  }

  /**
   * The dispensations {@code ids} that exist, in that order, read in four queries whatever their
   * number (a page of the list is up to 1000 of them: never four queries each).
   */
  private static List<Dispensation> findAll(Handle h, List<DispensationId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<DispensationId, List<LineRow>> lines =
        byDispensation(
            h,
            "SELECT dispensation_id, line_id, quantity, delivered_cip13, delivered_label,"
                + " not_delivered_reason, accepted_quantity, completeness_code, remaining_quantity,"
                + " box_lot, box_expiry, box_serial FROM dispensation_line"
                + " WHERE dispensation_id IN (<ids>) ORDER BY dispensation_id, line_no",
            ids,
            LineRow.class);
    Map<DispensationId, List<HandwrittenLine>> handwritten =
        byDispensation(
            h,
            "SELECT dispensation_id, cip13, label, quantity FROM dispensation_handwritten_line"
                + " WHERE dispensation_id IN (<ids>) ORDER BY dispensation_id, line_no",
            ids,
            HandwrittenLine.class);
    Map<DispensationId, List<Dispensation.UnknownProductLine>> unknown =
        UnknownProductDeliveries.linesOf(h, ids);
    Map<DispensationId, List<DispensationRow>> rows =
        byDispensation(
            h,
            "SELECT id AS dispensation_id, prescription_number, pharmacy_finess, pharmacy_name,"
                + " login, rpps, pharmacist_name, status, created_at, attempts, last_attempt_at,"
                + " prescription_status, problem_code, problem_detail, problem_line_id, auth_mode,"
                + " settled_at, settled_by FROM dispensation WHERE id IN (<ids>)",
            ids,
            DispensationRow.class);
    List<Dispensation> out = new ArrayList<>();
    for (DispensationId id : ids) {
      for (DispensationRow row : rows.getOrDefault(id, List.of())) {
        out.add(
            row.dispensation(
                id,
                lines.getOrDefault(id, List.of()).stream().map(LineRow::line).toList(),
                handwritten.getOrDefault(id, List.of()),
                unknown.getOrDefault(id, List.of())));
      }
    }
    return out;
  }

  /** The rows of {@code sql} (its column dispensation_id first) grouped by dispensation. */
  static <T> Map<DispensationId, List<T>> byDispensation(
      Handle h, String sql, List<DispensationId> ids, Class<T> type) {
    return h.createQuery(sql)
        .bindList("ids", ids)
        .registerRowMapper(ConstructorMapper.factory(type))
        .reduceRows(
            new HashMap<>(),
            (Map<DispensationId, List<T>> acc, RowView row) -> {
              acc.computeIfAbsent(
                      row.getColumn("dispensation_id", DispensationId.class),
                      k -> new ArrayList<>())
                  .add(row.getRow(type));
              return acc;
            });
  }

  /** Runs a batch that may be empty (a dispensation without handwritten lines). */
  private static void execute(PreparedBatch batch) {
    if (batch.size() > 0) {
      batch.execute();
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
