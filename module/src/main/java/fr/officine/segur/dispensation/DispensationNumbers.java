package fr.officine.segur.dispensation;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Finess;
import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The pharmacy-local number of a recorded dispensation (1, 2, 3… per pharmacy, table {@code
 * dispensation_number}): given the first time the dispensation is shown recorded, kept forever. The
 * next number is the pharmacy's highest + 1; two counters taking it at once collide on the primary
 * key and the loser takes the next one (no sequence per pharmacy to create: the same SQL on H2 and
 * PostgreSQL).
 */
@ApplicationScoped
public class DispensationNumbers {
  private static final int ATTEMPTS = 10;

  private Database db;

  protected DispensationNumbers() {}

  @Inject
  public DispensationNumbers(Database db) {
    this.db = db;
  }

  /** The dispensation's number in its pharmacy, given now if it has none yet. */
  public long of(Finess finess, DispensationId dispensationId) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Long> existing = db.withHandle(h -> find(h, dispensationId));
      if (existing.isPresent()) {
        return existing.get();
      }
      try {
        return db.inTransaction(h -> give(h, finess, dispensationId));
      } catch (RuntimeException e) {
        if (!duplicate(e)) {
          throw e;
        }
        // another counter took that number (or numbered this dispensation) meanwhile: read again
      }
    }
    throw new IllegalStateException(
        "no local number after " + ATTEMPTS + " attempts for " + dispensationId);
  }

  private static Optional<Long> find(Handle h, DispensationId dispensationId) {
    return h.createQuery("SELECT local_number FROM dispensation_number WHERE dispensation_id = :id")
        .bind("id", dispensationId)
        .mapTo(Long.class)
        .findOne();
  }

  private static long give(Handle h, Finess finess, DispensationId dispensationId) {
    long next =
        h.createQuery(
                "SELECT COALESCE(MAX(local_number), 0) + 1 FROM dispensation_number WHERE pharmacy_finess = :finess")
            .bind("finess", finess)
            .mapTo(Long.class)
            .one();
    h.createUpdate(
            "INSERT INTO dispensation_number (pharmacy_finess, local_number, dispensation_id)"
                + " VALUES (:finess, :number, :id)")
        .bind("finess", finess)
        .bind("number", next)
        .bind("id", dispensationId)
        .execute();
    return next;
  }

  /** A unique or primary key violation (SQLState class 23), wrapped or not. */
  private static boolean duplicate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && s.getSQLState() != null
          && s.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }
}
