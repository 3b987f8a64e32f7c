package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.SchemaReady;
import fr.officine.segur.identity.IdentityQualified;
import fr.officine.segur.identity.PatientIdentities;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.OutboxTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link QualificationRelease} runs after the qualification's commit, in its own transactions: a
 * crash between the two (kill -9) left the INS qualified and INS_QUALIFIED in the feed, but the DMP
 * sends held for it NOT_APPLICABLE « INS non qualifié » for good (issue 15 §1). At start, before
 * the counters come back, every patient of a send still held so whose INS the same pharmacy has
 * qualified since gets the release it missed, through the very same path (re-identified document,
 * reopenIf, SEND_REOPENED): reopenIf moves a row once, so a release that did run, or runs on
 * another node at the same time, is not repeated. Per pharmacy only: identity vigilance is per
 * structure (issue 11 §1), another pharmacy's qualification releases nothing here.
 */
@ApplicationScoped
public class QualificationCatchUp {
  private static final Logger LOG = Logger.getLogger(QualificationCatchUp.class.getName());

  /** Patients read per query: the backlog is normally empty, never read whole. */
  static final int BATCH = 100;

  private Database db;
  private PatientIdentities identities;
  private QualificationRelease release;
  private int batch;

  protected QualificationCatchUp() {}

  @Inject
  public QualificationCatchUp(
      Database db, PatientIdentities identities, QualificationRelease release) {
    this(db, identities, release, BATCH);
  }

  QualificationCatchUp(
      Database db, PatientIdentities identities, QualificationRelease release, int batch) {
    this.db = db;
    this.identities = identities;
    this.release = release;
    this.batch = batch;
  }

  void atStart(@Observes SchemaReady ready) {
    try {
      int released = run();
      if (released > 0) {
        LOG.info(() -> "Qualification catch-up: " + released + " patient(s) released");
      }
    } catch (RuntimeException e) {
      // the sends stay held as they were; the start must not fail for it
      LOG.log(Level.WARNING, "Qualification catch-up failed", e);
    }
  }

  /** The patients released (their pharmacy qualified their INS); idempotent. */
  int run() {
    int released = 0;
    Optional<Waiting> after = Optional.empty();
    List<Waiting> page;
    do {
      page = waiting(after);
      for (Waiting w : page) {
        try {
          if (identities.qualified(w.ins(), w.pharmacyFiness()).isPresent()) {
            release.onQualified(new IdentityQualified(w.ins(), w.pharmacyFiness()));
            released++;
          }
        } catch (RuntimeException e) {
          // one patient's failure (an unreadable stored INS) must not hold back the others
          LOG.log(Level.WARNING, "Qualification catch-up failed for a patient", e);
        }
      }
      after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1));
    } while (page.size() == batch);
    return released;
  }

  /** A patient of {@code pharmacyFiness} with a DMP send held until its INS is qualified there. */
  record Waiting(String pharmacyFiness, String number, String oid) {
    Ins ins() {
      return Ins.fromInsi(
          number.substring(0, Ins.MATRICULE_LENGTH), number.substring(Ins.MATRICULE_LENGTH), oid);
    }
  }

  /** The next page after {@code after}, by (pharmacy, INS, OID): a patient left held is passed. */
  private List<Waiting> waiting(Optional<Waiting> after) {
    return db.withHandle(
        h -> {
          var q =
              h.createQuery(
                      "SELECT DISTINCT o.pharmacy_finess, d.patient_ins, d.patient_ins_oid"
                          + " FROM outbox o JOIN dispensation_document d"
                          + " ON d.dispensation_id = o.dispensation_id"
                          + " WHERE o.target = :target AND o.state = :state AND o.reason_code = :code"
                          + " AND d.patient_ins IS NOT NULL AND d.patient_ins_oid IS NOT NULL"
                          + (after.isPresent()
                              ? " AND (o.pharmacy_finess > :f OR (o.pharmacy_finess = :f"
                                  + " AND (d.patient_ins > :i OR (d.patient_ins = :i"
                                  + " AND d.patient_ins_oid > :o))))"
                              : "")
                          + " ORDER BY o.pharmacy_finess, d.patient_ins, d.patient_ins_oid"
                          + " LIMIT :limit")
                  .bind("target", OutboxTarget.DMP.name())
                  .bind("state", OutboxState.NOT_APPLICABLE.name())
                  .bind("code", SendReason.INS_NOT_QUALIFIED.name())
                  .bind("limit", batch);
          after.ifPresent(
              a -> q.bind("f", a.pharmacyFiness()).bind("i", a.number()).bind("o", a.oid()));
          return q.map(
                  (rs, ctx) ->
                      new Waiting(
                          rs.getString("pharmacy_finess"),
                          rs.getString("patient_ins"),
                          rs.getString("patient_ins_oid")))
              .list();
        });
  }
}
