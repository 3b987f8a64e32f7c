package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.UnknownProductDeliveryView;
import fr.officine.segur.data.Database;
import fr.officine.segur.dispensation.Dispensation.UnknownProductLine;
import fr.officine.segur.prescription.DeliveryOutsideBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The lines unknown to the e-prescription base ("produit inconnu de la base") that this pharmacy
 * delivered: written with their dispensation (same transaction), counted and listed once it is
 * RECORDED, until a pharmacist records how each was reconciled (idempotent).
 */
@ApplicationScoped
public class UnknownProductDeliveries {
  public static final String PENDING = "PENDING_RECONCILIATION";
  public static final String RESOLVED = "RESOLVED";

  private static final String COLUMNS =
      "u.id, u.dispensation_id, u.prescription_number, u.line_id, u.product_code, u.code_system,"
          + " u.label, u.quantity, u.pharmacy_finess, u.pharmacist_name, u.delivered_at, u.state,"
          + " u.resolution_note, u.resolved_by, u.resolved_at";
  private static final String RECORDED =
      " JOIN dispensation d ON d.id = u.dispensation_id AND d.status = 'RECORDED'";

  private Database db;
  private Clock clock;

  protected UnknownProductDeliveries() {}

  @Inject
  public UnknownProductDeliveries(Database db) {
    this(db, Clock.systemUTC());
  }

  UnknownProductDeliveries(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** On the dispensation's own insert transaction. */
  static void insert(Connection c, Dispensation d) throws SQLException {
    if (d.unknownProductLines().isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO unknown_product_delivery (id, dispensation_id, prescription_number,"
                + " line_id, product_code, code_system, label, quantity, pharmacy_finess, login,"
                + " pharmacist_name, delivered_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (UnknownProductLine l : d.unknownProductLines()) {
        ps.setString(1, UUID.randomUUID().toString());
        ps.setString(2, d.id().toString());
        ps.setString(3, d.prescriptionNumber().value());
        ps.setString(4, l.lineId());
        ps.setString(5, l.productCode());
        ps.setString(6, l.codeSystem());
        ps.setString(7, l.label());
        ps.setInt(8, l.quantity());
        ps.setString(9, d.pharmacyFiness());
        ps.setString(10, d.login());
        ps.setString(11, d.pharmacistName());
        ps.setObject(12, d.createdAt());
        ps.setString(13, PENDING);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static List<UnknownProductLine> linesOf(Connection c, String dispensationId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT line_id, quantity, product_code, code_system, label FROM unknown_product_delivery"
                + " WHERE dispensation_id = ? ORDER BY line_id")) {
      ps.setString(1, dispensationId);
      List<UnknownProductLine> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new UnknownProductLine(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }
      }
      return out;
    }
  }

  /** This pharmacy's recorded deliveries in a state, oldest first. */
  public List<UnknownProductDeliveryView> list(String pharmacyFiness, String state) {
    return db.jdbcRead(
        c -> query(c, "u.pharmacy_finess = ? AND u.state = ? ORDER BY u.delivered_at, u.id", pharmacyFiness, state));
  }

  /** The recorded deliveries of one dispensation (for its view and its delivery detail print). */
  public List<UnknownProductDeliveryView> ofDispensation(String dispensationId) {
    return db.jdbcRead(c -> query(c, "u.dispensation_id = ? ORDER BY u.line_id", dispensationId));
  }

  /**
   * Every pharmacy's deliveries outside the base on each line of a prescription (recorded
   * dispensations, whatever the reconciliation state): what the base cannot count. Every pharmacy
   * of the instance, because every one of them reads the same prescription and the module is the
   * only record of these deliveries (issue 11 §17); only what the base shows of its executions
   * (pharmacy, date, quantity), never the reconciliation of another pharmacy.
   */
  public Map<String, List<DeliveryOutsideBase>> deliveredByLine(String prescriptionNumber) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT u.dispensation_id, u.line_id, u.pharmacy_finess, d.pharmacy_name, u.delivered_at,"
                      + " u.quantity FROM unknown_product_delivery u"
                      + RECORDED
                      + " WHERE u.prescription_number = ? ORDER BY u.delivered_at, u.id")) {
            ps.setString(1, prescriptionNumber);
            List<DeliveryOutsideBase> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new DeliveryOutsideBase(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getInt(6)));
              }
            }
            return out.stream().collect(Collectors.groupingBy(DeliveryOutsideBase::lineId));
          }
        });
  }

  /**
   * Boxes of each line taken outside the base by every pharmacy (the base cannot count them, and
   * every pharmacy reads the same prescription), counting the dispensations still being recorded
   * (SUBMITTING, IN_DOUBT) as well: the check of a concurrent delivery must see them.
   */
  public Map<String, Integer> takenByLine(String prescriptionNumber) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT u.line_id, SUM(u.quantity) FROM unknown_product_delivery u"
                      + " JOIN dispensation d ON d.id = u.dispensation_id AND d.status NOT IN ('REFUSED', 'NOT_RECORDED')"
                      + " WHERE u.prescription_number = ? GROUP BY u.line_id")) {
            ps.setString(1, prescriptionNumber);
            Map<String, Integer> taken = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                taken.put(rs.getString(1), rs.getInt(2));
              }
            }
            return taken;
          }
        });
  }

  public Optional<UnknownProductDeliveryView> find(String id, String pharmacyFiness) {
    return db.jdbcRead(c -> find(c, id, pharmacyFiness));
  }

  /**
   * Marks it RESOLVED with the note, once: a second call (a replay, a double click) changes
   * nothing and returns it as first resolved. Empty when no recorded delivery of this pharmacy has
   * that id.
   */
  public Optional<UnknownProductDeliveryView> resolve(String id, String pharmacyFiness, String note, String by) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE unknown_product_delivery SET state = ?, resolution_note = ?, resolved_by = ?,"
                      + " resolved_at = ? WHERE id = ? AND pharmacy_finess = ? AND state = ?"
                      + " AND dispensation_id IN (SELECT id FROM dispensation WHERE status = 'RECORDED')")) {
            ps.setString(1, RESOLVED);
            ps.setString(2, note);
            ps.setString(3, by);
            ps.setObject(4, OffsetDateTime.now(clock));
            ps.setString(5, id);
            ps.setString(6, pharmacyFiness);
            ps.setString(7, PENDING);
            ps.executeUpdate();
          }
          return find(c, id, pharmacyFiness);
        });
  }

  private static Optional<UnknownProductDeliveryView> find(Connection c, String id, String finess) throws SQLException {
    return query(c, "u.id = ? AND u.pharmacy_finess = ?", id, finess).stream().findFirst();
  }

  /** The rows of recorded dispensations matching {@code where} (parameters in order). */
  private static List<UnknownProductDeliveryView> query(Connection c, String where, String... parameters)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM unknown_product_delivery u" + RECORDED + " WHERE " + where)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setString(i + 1, parameters[i]);
      }
      return views(ps);
    }
  }

  private static List<UnknownProductDeliveryView> views(PreparedStatement ps) throws SQLException {
    List<UnknownProductDeliveryView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new UnknownProductDeliveryView(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10),
                rs.getObject(11, OffsetDateTime.class), rs.getString(12), rs.getString(13),
                rs.getString(14), rs.getObject(15, OffsetDateTime.class)));
      }
    }
    return out;
  }
}
