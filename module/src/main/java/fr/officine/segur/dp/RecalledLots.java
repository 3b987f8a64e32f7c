package fr.officine.segur.dp;

import fr.officine.segur.data.Database;
import fr.officine.segur.data.DuplicateKeyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The lot recalls (DP-Rappels) this module has been told of, kept in its database: a recall is
 * national (a lot of a product, whoever the patient), while the DP hands its alerts over with a
 * patient's consultation. Every consultation's RAPPEL alerts are kept here, so a box of a recalled
 * lot is refused at recording whatever prescription, patient or node it comes through, and after a
 * restart. A recall is never forgotten by the module: the DP says when it starts, not when it ends.
 */
@ApplicationScoped
public class RecalledLots {
  /** One recalled lot of one product. */
  public record Recall(String cip13, String lot, LocalDate since, String message) {}

  private Database db;
  private Clock clock;

  protected RecalledLots() {}

  @Inject
  public RecalledLots(Database db) {
    this(db, Clock.systemUTC());
  }

  RecalledLots(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Keeps the RAPPEL alerts naming a lot; the others (shortages, whole-product recalls) are not
   * lots.
   */
  public void remember(List<DossierPharmaceutique.Alert> alerts) {
    for (DossierPharmaceutique.Alert a : alerts) {
      if (!"RAPPEL".equals(a.type()) || a.lot().isEmpty() || a.cip13() == null) {
        continue;
      }
      if (find(a.lot().get()).stream().anyMatch(r -> r.cip13().equals(a.cip13()))) {
        continue;
      }
      try {
        db.useTransaction(
            h ->
                h.createUpdate(
                        "INSERT INTO dp_recalled_lot (cip13, lot, since, message, learnt_at)"
                            + " VALUES (:cip13, :lot, :since, :message, :learntAt)")
                    .bind("cip13", a.cip13())
                    .bind("lot", a.lot().get())
                    .bind("since", a.since())
                    .bind("message", a.message() == null ? null : truncate(a.message(), 500))
                    .bind("learntAt", OffsetDateTime.now(clock))
                    .execute());
      } catch (DuplicateKeyException e) {
        // another consultation kept it first
      }
    }
  }

  /** The recalls of this lot number (any product: the caller checks the product). */
  public List<Recall> find(String lot) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT cip13, lot, since, message FROM dp_recalled_lot WHERE lot = :lot")
                .bind("lot", lot)
                .map(ConstructorMapper.of(Recall.class))
                .list());
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
