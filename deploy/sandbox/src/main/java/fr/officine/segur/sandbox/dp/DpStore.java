package fr.officine.segur.sandbox.dp;

import fr.officine.segur.sandbox.db.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The DP stub's H2 store: patients, refused products, recorded dispensations. */
public final class DpStore {
  /** dp_dispensation's columns under the names of {@link DpLine}'s components. */
  private static final String LINE_COLUMNS =
      "id_dispensation AS dispensation_id, delivree_le AS delivered_at, finess, pharmacie AS pharmacy,"
          + " cip13, libelle AS label, atc, quantite AS quantity, lot";

  private final Database db;
  private final Clock clock;

  public DpStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    db.runScript("/sandbox/dp-schema.sql");
  }

  public Clock clock() {
    return clock;
  }

  public Optional<DpPatient> byIns(String ins) {
    return db.withHandle(h -> patient(h, ins));
  }

  /** By carte Vitale data: NIR + rang + date of birth must all match. */
  public Optional<DpPatient> byCarteVitale(String nir, int rang, LocalDate birthDate) {
    return db.inTransaction(
        h ->
            h.createQuery(
                    "SELECT ins FROM dp_patient WHERE nir = :nir AND rang = :rang AND date_naissance = :birthDate")
                .bind("nir", nir)
                .bind("rang", rang)
                .bind("birthDate", birthDate)
                .mapTo(String.class)
                .findFirst()
                .flatMap(ins -> patient(h, ins)));
  }

  /** A dp_patient row under the names of {@link DpPatient}'s components. */
  record PatientRow(
      String ins,
      String lastName,
      String firstName,
      String nir,
      int rang,
      LocalDate birthDate,
      DpPatient.Status status,
      String scenario) {
    DpPatient patient(Set<String> refusedCip13) {
      return new DpPatient(
          ins, lastName, firstName, nir, rang, birthDate, status, refusedCip13, scenario);
    }
  }

  private static Optional<DpPatient> patient(Handle h, String ins) {
    Set<String> refused =
        h.createQuery("SELECT cip13 FROM dp_produit_refuse WHERE ins = :ins")
            .bind("ins", ins)
            .mapTo(String.class)
            .set();
    return h.createQuery(
            "SELECT ins, nom AS last_name, prenom AS first_name, nir, rang, date_naissance AS birth_date,"
                + " statut AS status, scenario FROM dp_patient WHERE ins = :ins")
        .bind("ins", ins)
        .map(ConstructorMapper.of(PatientRow.class))
        .findOne()
        .map(row -> row.patient(refused));
  }

  /** The patient's dispensations delivered since {@code since}, newest first. */
  public List<DpLine> history(String ins, OffsetDateTime since) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + LINE_COLUMNS
                        + " FROM dp_dispensation WHERE ins = :ins AND delivree_le >= :since"
                        + " ORDER BY delivree_le DESC, id")
                .bind("ins", ins)
                .bind("since", since)
                .map(ConstructorMapper.of(DpLine.class))
                .list());
  }

  /** A recorded dispensation: lines and DMP forwarding outcome. */
  public record Recorded(int lines, Optional<String> dmpStatus) {}

  public Optional<Recorded> recorded(String dispensationId) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT lignes AS lines, statut_dmp AS dmp_status FROM dp_enregistrement WHERE id_dispensation = :id")
                .bind("id", dispensationId)
                .map(ConstructorMapper.of(Recorded.class))
                .findOne());
  }

  /**
   * Records the lines of one dispensation once: false when the id was already recorded (by an
   * earlier call, or a concurrent one that won the primary key).
   */
  public boolean record(
      String dispensationId, String ins, List<DpLine> lines, Optional<String> dmpStatus) {
    try {
      db.useTransaction(
          h -> {
            h.createUpdate(
                    "INSERT INTO dp_enregistrement(id_dispensation, ins, lignes, statut_dmp, recu_le)"
                        + " VALUES (:id, :ins, :lines, :dmpStatus, :now)")
                .bind("id", dispensationId)
                .bind("ins", ins)
                .bind("lines", lines.size())
                .bind("dmpStatus", dmpStatus.orElse(null))
                .bind("now", OffsetDateTime.now(clock))
                .execute();
            insertLines(h, ins, lines);
          });
      return true;
    } catch (Database.DatabaseException e) {
      if (e.isUniqueViolation()) {
        return false;
      }
      throw e;
    }
  }

  private static void insertLines(Handle h, String ins, List<DpLine> lines) {
    int n = 0;
    for (DpLine l : lines) {
      h.createUpdate(
              "INSERT INTO dp_dispensation(id, id_dispensation, ins, delivree_le, finess, pharmacie, cip13,"
                  + " libelle, atc, quantite, lot) VALUES (:id, :l.dispensationId, :ins, :l.deliveredAt,"
                  + " :l.finess, :l.pharmacy, :l.cip13, :l.label, :l.atc, :l.quantity, :l.lot)")
          .bind("id", l.dispensationId() + "#" + (++n))
          .bind("ins", ins)
          .bindMethods("l", l)
          .execute();
    }
  }

  /** Writes the seeds once per database (marker row). */
  public boolean seedOnce(
      String marker, List<DpPatient> patients, List<DpLine> history, String historyIns) {
    return db.once(
        "dp_meta",
        marker,
        OffsetDateTime.now(clock).toString(),
        h -> {
          for (DpPatient p : patients) {
            h.createUpdate(
                    "INSERT INTO dp_patient(ins, nom, prenom, nir, rang, date_naissance, statut, scenario)"
                        + " VALUES (:ins, :lastName, :firstName, :nir, :rang, :birthDate, :status, :scenario)")
                .bindMethods(p)
                .bind("status", p.status().name())
                .execute();
            for (String cip : p.refusedCip13()) {
              h.createUpdate("INSERT INTO dp_produit_refuse(ins, cip13) VALUES (:ins, :cip13)")
                  .bind("ins", p.ins())
                  .bind("cip13", cip)
                  .execute();
            }
          }
          insertLines(h, historyIns, history);
        });
  }

  public void wipe() {
    db.useTransaction(
        h -> {
          h.execute("DELETE FROM dp_dispensation");
          h.execute("DELETE FROM dp_enregistrement");
          h.execute("DELETE FROM dp_produit_refuse");
          h.execute("DELETE FROM dp_patient");
          h.execute("DELETE FROM dp_meta");
        });
  }
}
