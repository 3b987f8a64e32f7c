package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.dispensation.Dispensation.Accepted;
import fr.officine.segur.dispensation.Dispensation.HandwrittenLine;
import fr.officine.segur.dispensation.Dispensation.Line;
import fr.officine.segur.dispensation.Dispensation.Refusal;
import fr.officine.segur.prescription.ExecutionOutcome;
import fr.officine.segur.prescription.Prescription.Product;
import fr.officine.segur.trust.AuthMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The dispensations in the module's database; every method is one short transaction. */
@ApplicationScoped
public class DispensationStore {
  private Database db;
  private Clock clock;

  protected DispensationStore() {}

  @Inject
  public DispensationStore(Database db) {
    this(db, Clock.systemUTC());
  }

  DispensationStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Stores a new dispensation (status SUBMITTING) with its lines, and in the same transaction its
   * lines unknown to the base, as deliveries pending reconciliation (they count once it is RECORDED).
   */
  public Dispensation insert(Dispensation d) {
    db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO dispensation (id, prescription_number, pharmacy_finess,"
                      + " pharmacy_name, login, rpps, pharmacist_name, status, created_at,"
                      + " updated_at, attempts, auth_mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
            ps.setString(1, d.id().toString());
            ps.setString(2, d.prescriptionNumber().value());
            ps.setString(3, d.pharmacyFiness());
            ps.setString(4, d.pharmacyName());
            ps.setString(5, d.login());
            ps.setString(6, d.rpps().orElse(null));
            ps.setString(7, d.pharmacistName());
            ps.setString(8, d.status().name());
            ps.setObject(9, d.createdAt());
            ps.setObject(10, d.createdAt());
            ps.setString(11, d.authMode().name());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO dispensation_line (dispensation_id, line_no, line_id, quantity,"
                      + " delivered_cip13, delivered_label, not_delivered_reason, box_lot, box_expiry,"
                      + " box_serial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int no = 0;
            for (Line l : d.lines()) {
              ps.setString(1, d.id().toString());
              ps.setInt(2, no++);
              ps.setString(3, l.lineId());
              ps.setInt(4, l.quantity());
              ps.setString(5, l.deliveredProduct().map(Product::code).orElse(null));
              ps.setString(6, l.deliveredProduct().map(Product::label).orElse(null));
              ps.setString(7, l.notDeliveredReason().map(Enum::name).orElse(null));
              ps.setString(8, l.box().lot().orElse(null));
              ps.setObject(9, l.box().expiry().orElse(null));
              ps.setString(10, l.box().serial().orElse(null));
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO dispensation_handwritten_line (dispensation_id, line_no, cip13,"
                      + " label, quantity) VALUES (?, ?, ?, ?, ?)")) {
            int no = 0;
            for (HandwrittenLine h : d.handwrittenLines()) {
              ps.setString(1, d.id().toString());
              ps.setInt(2, no++);
              ps.setString(3, h.cip13());
              ps.setString(4, h.label());
              ps.setInt(5, h.quantity());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          UnknownProductDeliveries.insert(c, d);
          return null;
        });
    return d;
  }

  public Optional<Dispensation> find(DispensationId id) {
    return db.jdbcRead(c -> find(c, id));
  }

  /** Counts one more send to the base, before the call. */
  public void countAttempt(DispensationId id) {
    db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE dispensation SET attempts = attempts + 1, last_attempt_at = ?,"
                      + " updated_at = ? WHERE id = ?")) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            ps.setObject(1, now);
            ps.setObject(2, now);
            ps.setString(3, id.toString());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Who settles an in-doubt dispensation when it is not a pharmacist: the recovery task. */
  public static final String RECOVERY = "recovery";

  /**
   * The base accepted the execution: stores what it accepted per line and the prescription's
   * status. Only an unsettled (SUBMITTING or IN_DOUBT) dispensation moves: when two sends of the
   * same id race (a replay and the recovery task), the first answer stored wins and the second
   * changes nothing.
   */
  public boolean recordAccepted(DispensationId id, ExecutionOutcome outcome, String prescriptionStatus) {
    return recordAccepted(id, outcome, prescriptionStatus, c -> null);
  }

  /** As {@link #recordAccepted(DispensationId, ExecutionOutcome, String, Database.SqlWork)}, settled by {@code by}. */
  public boolean recordAccepted(
      DispensationId id,
      ExecutionOutcome outcome,
      String prescriptionStatus,
      Database.SqlWork<?> sameTransaction,
      String by) {
    return accept(id, outcome, prescriptionStatus, sameTransaction, by);
  }

  /**
   * As {@link #recordAccepted(DispensationId, ExecutionOutcome, String)}, and runs {@code
   * sameTransaction} (the document and the outbox rows) in the transaction that marks it RECORDED,
   * only when this call is the one that moves it.
   */
  public boolean recordAccepted(
      DispensationId id,
      ExecutionOutcome outcome,
      String prescriptionStatus,
      Database.SqlWork<?> sameTransaction) {
    return accept(id, outcome, prescriptionStatus, sameTransaction, null);
  }

  private boolean accept(
      DispensationId id,
      ExecutionOutcome outcome,
      String prescriptionStatus,
      Database.SqlWork<?> sameTransaction,
      String by) {
    return db.jdbcTransaction(
        c -> {
          if (!move(c, id, DispensationStatus.RECORDED, prescriptionStatus, null, by)) {
            return false;
          }
          sameTransaction.run(c);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE dispensation_line SET accepted_quantity = ?, completeness_code = ?,"
                      + " remaining_quantity = ? WHERE dispensation_id = ? AND line_id = ?")) {
            for (ExecutionOutcome.AcceptedLine a : outcome.acceptedLines()) {
              ps.setInt(1, a.quantity());
              ps.setString(2, a.completenessCode());
              ps.setInt(3, a.remainingQuantity());
              ps.setString(4, id.toString());
              ps.setString(5, a.lineId());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return true;
        });
  }

  /** The base refused the execution for good; same race rule as {@link #recordAccepted}. */
  public boolean recordRefused(DispensationId id, Refusal refusal) {
    return db.jdbcTransaction(c -> move(c, id, DispensationStatus.REFUSED, null, refusal, null));
  }

  /**
   * The request never reached the base (or the base confirmed it never recorded it, {@code by}
   * settling it): NOT_RECORDED, final. {@code why} is kept as the reason shown.
   */
  public boolean recordNotRecorded(DispensationId id, Refusal why, String by) {
    return db.jdbcTransaction(c -> move(c, id, DispensationStatus.NOT_RECORDED, null, why, by));
  }

  /** The answer was lost after sending: IN_DOUBT until the base says. Only from SUBMITTING. */
  public boolean recordInDoubt(DispensationId id, Refusal why) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE dispensation SET status = 'IN_DOUBT', updated_at = ?, problem_code = ?,"
                      + " problem_detail = ? WHERE id = ? AND status = 'SUBMITTING'")) {
            ps.setObject(1, OffsetDateTime.now(clock));
            ps.setString(2, why.type().name());
            ps.setString(3, truncate(why.detail(), 2000));
            ps.setString(4, id.toString());
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * Unsettled dispensations whose last change is older than the bound of their status (IN_DOUBT,
   * or SUBMITTING left by a crash): the recovery task asks the base about them.
   */
  public List<DispensationId> unsettledSince(OffsetDateTime inDoubtBefore, OffsetDateTime submittingBefore) {
    return ids(
        "SELECT id FROM dispensation WHERE (status = 'IN_DOUBT' AND updated_at < ?)"
            + " OR (status = 'SUBMITTING' AND updated_at < ?) ORDER BY created_at",
        ps -> {
          ps.setObject(1, inDoubtBefore);
          ps.setObject(2, submittingBefore);
        });
  }

  /** The pharmacy's dispensations in {@code status}, newest first (at most {@code limit}). */
  public List<DispensationId> ofPharmacy(String finess, DispensationStatus status, int limit) {
    return ids(
        "SELECT id FROM dispensation WHERE pharmacy_finess = ? AND status = ?"
            + " ORDER BY created_at DESC FETCH FIRST " + limit + " ROWS ONLY",
        ps -> {
          ps.setString(1, finess);
          ps.setString(2, status.name());
        });
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private List<DispensationId> ids(String sql, Binder binder) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<DispensationId> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(DispensationId.parse(rs.getString(1)));
              }
            }
            return ids;
          }
        });
  }

  /**
   * Moves an unsettled dispensation to its final status. One that was IN_DOUBT is settled then:
   * {@code settled_at} now, {@code settled_by} the given one ("replay" when the same request came
   * again and got the base's answer); {@code by} also settles a SUBMITTING one left by a crash.
   */
  private boolean move(
      Connection c,
      DispensationId id,
      DispensationStatus to,
      String prescriptionStatus,
      Refusal refusal,
      String by)
      throws SQLException {
    String settledBy = by == null ? "replay" : by;
    String settles = by == null ? "status = 'IN_DOUBT'" : "1 = 1";
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE dispensation SET status = ?, updated_at = ?, prescription_status = ?,"
                + " problem_code = ?, problem_detail = ?, problem_line_id = ?,"
                + " settled_at = CASE WHEN " + settles + " THEN ? ELSE settled_at END,"
                + " settled_by = CASE WHEN " + settles + " THEN ? ELSE settled_by END"
                + " WHERE id = ? AND status IN ('SUBMITTING', 'IN_DOUBT')")) {
      OffsetDateTime now = OffsetDateTime.now(clock);
      ps.setString(1, to.name());
      ps.setObject(2, now);
      ps.setString(3, prescriptionStatus);
      ps.setString(4, refusal == null ? null : refusal.type().name());
      ps.setString(5, refusal == null ? null : truncate(refusal.detail(), 2000));
      ps.setString(6, refusal == null ? null : refusal.lineId().orElse(null));
      ps.setObject(7, now);
      ps.setString(8, settledBy);
      ps.setString(9, id.toString());
      return ps.executeUpdate() == 1;
    }
  }

  private static Optional<Dispensation> find(Connection c, DispensationId id) throws SQLException {
    String key = id.toString();
    List<Line> lines = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT line_id, quantity, delivered_cip13, delivered_label, not_delivered_reason,"
                + " accepted_quantity, completeness_code, remaining_quantity, box_lot, box_expiry,"
                + " box_serial FROM dispensation_line WHERE dispensation_id = ? ORDER BY line_no")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String label = rs.getString(4);
          int accepted = rs.getInt(6);
          boolean hasAccepted = !rs.wasNull();
          lines.add(
              new Line(
                  rs.getString(1),
                  rs.getInt(2),
                  label == null
                      ? Optional.empty()
                      : Optional.of(new Product(rs.getString(3), null, label)),
                  Optional.ofNullable(rs.getString(5)).map(NotDeliveredReason::valueOf),
                  hasAccepted
                      ? Optional.of(new Accepted(accepted, rs.getString(7), rs.getInt(8)))
                      : Optional.empty(),
                  new Dispensation.Box(
                      Optional.ofNullable(rs.getString(9)),
                      Optional.ofNullable(rs.getObject(10, LocalDate.class)),
                      Optional.ofNullable(rs.getString(11)))));
        }
      }
    }
    List<HandwrittenLine> handwritten = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT cip13, label, quantity FROM dispensation_handwritten_line"
                + " WHERE dispensation_id = ? ORDER BY line_no")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handwritten.add(new HandwrittenLine(rs.getString(1), rs.getString(2), rs.getInt(3)));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT prescription_number, pharmacy_finess, pharmacy_name, login, rpps,"
                + " pharmacist_name, status, created_at, attempts, last_attempt_at,"
                + " prescription_status, problem_code, problem_detail, problem_line_id, auth_mode,"
                + " settled_at, settled_by FROM dispensation WHERE id = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String problemCode = rs.getString(12);
        OffsetDateTime settledAt = rs.getObject(16, OffsetDateTime.class);
        Optional<Dispensation.Settlement> settlement =
            settledAt == null
                ? Optional.empty()
                : Optional.of(new Dispensation.Settlement(settledAt, rs.getString(17)));
        return Optional.of(
            new Dispensation(
                id,
                PrescriptionNumber.of(rs.getString(1)),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Optional.ofNullable(rs.getString(5)),
                rs.getString(6),
                AuthMode.of(rs.getString(15)),
                DispensationStatus.valueOf(rs.getString(7)),
                rs.getObject(8, OffsetDateTime.class),
                rs.getInt(9),
                Optional.ofNullable(rs.getObject(10, OffsetDateTime.class)),
                Optional.ofNullable(rs.getString(11)),
                problemCode == null
                    ? Optional.empty()
                    : Optional.of(
                        new Refusal(
                            ProblemType.valueOf(problemCode),
                            rs.getString(13),
                            Optional.ofNullable(rs.getString(14)))),
                lines,
                handwritten,
                UnknownProductDeliveries.linesOf(c, key),
                settlement));
      }
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
