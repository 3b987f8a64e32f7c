package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.UnknownProductDeliveryView;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Keyset;
import fr.officine.segur.dispensation.Dispensation.UnknownProductLine;
import fr.officine.segur.event.FeedEvents;
import fr.officine.segur.prescription.DeliveryOutsideBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.generic.GenericType;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

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
          + " u.label, u.quantity, u.pharmacy_finess, u.pharmacist_name AS delivered_by, u.delivered_at, u.state,"
          + " u.resolution_note, u.resolved_by, u.resolved_at";
  private static final String RECORDED =
      " JOIN dispensation d ON d.id = u.dispensation_id AND d.status = 'RECORDED'";

  /** The order of {@link #list}'s pages. */
  private static final Keyset OLDEST_FIRST =
      new Keyset("unknown_product_delivery", "u", "delivered_at", false);

  private Database db;
  private Clock clock;
  private FeedEvents feed;

  protected UnknownProductDeliveries() {}

  @Inject
  public UnknownProductDeliveries(Database db, FeedEvents feed) {
    this(db, Clock.systemUTC(), feed);
  }

  /** Outside the container: the same event feed on {@code db}. */
  public UnknownProductDeliveries(Database db) {
    this(db, Clock.systemUTC(), FeedEvents.on(db));
  }

  UnknownProductDeliveries(Database db, Clock clock) {
    this(db, clock, FeedEvents.on(db));
  }

  UnknownProductDeliveries(Database db, Clock clock, FeedEvents feed) {
    this.db = db;
    this.clock = clock;
    this.feed = feed;
  }

  /** On the dispensation's own insert transaction. */
  static void insert(Handle h, Dispensation d) {
    if (d.unknownProductLines().isEmpty()) {
      return;
    }
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO unknown_product_delivery (id, dispensation_id, prescription_number, line_id,"
                + " product_code, code_system, label, quantity, pharmacy_finess, login, pharmacist_name,"
                + " delivered_at, state) VALUES (:id, :d.id, :d.prescriptionNumber, :l.lineId,"
                + " :l.productCode, :l.codeSystem, :l.label, :l.quantity, :d.pharmacyFiness, :d.login,"
                + " :d.pharmacistName, :d.createdAt, :state)");
    for (UnknownProductLine l : d.unknownProductLines()) {
      batch
          .bind("id", UUID.randomUUID().toString())
          .bindMethods("d", d)
          .bindMethods("l", l)
          .bind("state", PENDING)
          .add();
    }
    batch.execute();
  }

  /** The deliveries outside the base of each dispensation {@code ids} (one query). */
  static Map<DispensationId, List<UnknownProductLine>> linesOf(Handle h, List<DispensationId> ids) {
    return DispensationStore.byDispensation(
        h,
        "SELECT dispensation_id, line_id, quantity, product_code, code_system, label"
            + " FROM unknown_product_delivery"
            + " WHERE dispensation_id IN (<ids>) ORDER BY dispensation_id, line_id",
        ids,
        UnknownProductLine.class);
  }

  /**
   * This pharmacy's recorded deliveries in a state, oldest first, a page: at most {@code limit},
   * those after the delivery {@code after} in that order when it is given (keyset on delivery time
   * then id: a line delivered meanwhile never shifts a page).
   */
  public List<UnknownProductDeliveryView> list(
      String pharmacyFiness, String state, Optional<String> after, int limit) {
    return db.withHandle(
        h ->
            OLDEST_FIRST
                .bindAfter(
                    query(
                        h,
                        "u.pharmacy_finess = :finess AND u.state = :state"
                            + OLDEST_FIRST.after(after)
                            + OLDEST_FIRST.page(limit)),
                    after)
                .bind("finess", pharmacyFiness)
                .bind("state", state)
                .mapTo(UnknownProductDeliveryView.class)
                .list());
  }

  /** How many recorded deliveries of this pharmacy are in a state (all pages together). */
  public int count(String pharmacyFiness, String state) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM unknown_product_delivery u"
                        + RECORDED
                        + " WHERE u.pharmacy_finess = :finess AND u.state = :state")
                .bind("finess", pharmacyFiness)
                .bind("state", state)
                .mapTo(Integer.class)
                .one());
  }

  /** The recorded deliveries of one dispensation (for its view and its delivery detail print). */
  public List<UnknownProductDeliveryView> ofDispensation(String dispensationId) {
    return db.withHandle(
        h ->
            query(h, "u.dispensation_id = :id ORDER BY u.line_id")
                .bind("id", dispensationId)
                .mapTo(UnknownProductDeliveryView.class)
                .list());
  }

  /**
   * Every pharmacy's deliveries outside the base on each line of a prescription (recorded
   * dispensations, whatever the reconciliation state): what the base cannot count. Every pharmacy
   * of the instance, because every one of them reads the same prescription and the module is the
   * only record of these deliveries (issue 11 §17); only what the base shows of its executions
   * (pharmacy, date, quantity), never the reconciliation of another pharmacy.
   */
  public Map<String, List<DeliveryOutsideBase>> deliveredByLine(String prescriptionNumber) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT u.dispensation_id, u.line_id, u.pharmacy_finess, d.pharmacy_name,"
                        + " u.delivered_at, u.quantity FROM unknown_product_delivery u"
                        + RECORDED
                        + " WHERE u.prescription_number = :number ORDER BY u.delivered_at, u.id")
                .bind("number", prescriptionNumber)
                .map(ConstructorMapper.of(DeliveryOutsideBase.class))
                .collect(Collectors.groupingBy(DeliveryOutsideBase::lineId)));
  }

  /**
   * Boxes of each line taken outside the base by every pharmacy (the base cannot count them, and
   * every pharmacy reads the same prescription), counting the dispensations still being recorded
   * (SUBMITTING, IN_DOUBT) as well: the check of a concurrent delivery must see them.
   */
  public Map<String, Integer> takenByLine(String prescriptionNumber) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT u.line_id, SUM(u.quantity) AS taken FROM unknown_product_delivery u"
                        + " JOIN dispensation d ON d.id = u.dispensation_id AND d.status NOT IN ('REFUSED', 'NOT_RECORDED')"
                        + " WHERE u.prescription_number = :number GROUP BY u.line_id")
                .bind("number", prescriptionNumber)
                .setMapKeyColumn("line_id")
                .setMapValueColumn("taken")
                .collectInto(new GenericType<Map<String, Integer>>() {}));
  }

  public Optional<UnknownProductDeliveryView> find(String id, String pharmacyFiness) {
    return db.withHandle(h -> find(h, id, pharmacyFiness));
  }

  /**
   * Marks it RESOLVED with the note, once: a second call (a replay, a double click) changes nothing
   * and returns it as first resolved. Empty when no recorded delivery of this pharmacy has that id.
   */
  public Optional<UnknownProductDeliveryView> resolve(
      String id, String pharmacyFiness, String note, String by) {
    return db.inTransaction(
        h -> {
          int moved =
              h.createUpdate(
                      "UPDATE unknown_product_delivery SET state = :resolved, resolution_note = :note,"
                          + " resolved_by = :by, resolved_at = :now WHERE id = :id AND pharmacy_finess = :finess"
                          + " AND state = :pending"
                          + " AND dispensation_id IN (SELECT id FROM dispensation WHERE status = 'RECORDED')")
                  .bind("resolved", RESOLVED)
                  .bind("note", note)
                  .bind("by", by)
                  .bind("now", OffsetDateTime.now(clock))
                  .bind("id", id)
                  .bind("finess", pharmacyFiness)
                  .bind("pending", PENDING)
                  .execute();
          Optional<UnknownProductDeliveryView> found = find(h, id, pharmacyFiness);
          if (moved == 1) {
            feed.reconciliationResolved(
                h,
                pharmacyFiness,
                id,
                found.map(UnknownProductDeliveryView::dispensationId).orElse(null));
          }
          return found;
        });
  }

  private static Optional<UnknownProductDeliveryView> find(Handle h, String id, String finess) {
    return query(h, "u.id = :id AND u.pharmacy_finess = :finess")
        .bind("id", id)
        .bind("finess", finess)
        .mapTo(UnknownProductDeliveryView.class)
        .findOne();
  }

  /**
   * The rows of recorded dispensations matching {@code where}, mapped to the API's view by column
   * name.
   */
  private static Query query(Handle h, String where) {
    return h.createQuery(
            "SELECT " + COLUMNS + " FROM unknown_product_delivery u" + RECORDED + " WHERE " + where)
        .registerRowMapper(ConstructorMapper.factory(UnknownProductDeliveryView.class));
  }
}
