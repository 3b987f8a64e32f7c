package fr.officine.segur.dispensation;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.data.DataAccessException;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.DuplicateKeyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * A lock per prescription shared by every node: the prescription's row of {@code prescription_lock}
 * (V20.1) locked with {@code SELECT … FOR UPDATE} in a transaction of its own, held while {@code
 * work} runs and released when that transaction ends (it writes nothing). {@code work} commits in
 * its own transactions before the lock is released, so the next holder, on any node, reads what it
 * wrote. Used for the lines unknown to the base (issue 11 §17): the check of what remains and the
 * insert of the delivery, which only the module can arbitrate.
 */
@ApplicationScoped
public class PrescriptionLocks {
  /** Waits at most this long for another counter's recording of the same prescription. */
  static final int WAIT_SECONDS = 60;

  private Database db;

  protected PrescriptionLocks() {}

  @Inject
  public PrescriptionLocks(Database db) {
    this.db = db;
  }

  public <T> T holding(PrescriptionNumber number, Supplier<T> work) {
    ensureRow(number);
    return db.inTransaction(
        h -> {
          boolean h2 = isH2(h);
          int h2Timeout = h2 ? h.createQuery("CALL LOCK_TIMEOUT()").mapTo(Integer.class).one() : 0;
          try {
            // the engines' default waits differ (H2: 2 s, then an error; PostgreSQL: forever):
            // another
            // counter's recording, base call included, may take seconds, never minutes
            h.execute(
                h2
                    ? "SET LOCK_TIMEOUT " + WAIT_SECONDS * 1000
                    : "SET LOCAL lock_timeout = '" + WAIT_SECONDS + "s'");
            h.createQuery(
                    "SELECT prescription_number FROM prescription_lock WHERE prescription_number = :n FOR UPDATE")
                .bind("n", number.value())
                .mapTo(String.class)
                .one();
            // this transaction writes nothing: its end (commit or rollback) releases the lock
            return work.get();
          } finally {
            if (h2) {
              h.execute(
                  "SET LOCK_TIMEOUT "
                      + h2Timeout); // a session setting: the pooled connection goes back as it came
            }
          }
        });
  }

  /** The row exists once its first delivery asked for it; two first ones at once: one inserts. */
  private void ensureRow(PrescriptionNumber number) {
    try {
      db.withHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO prescription_lock (prescription_number, created_at) SELECT :n, :at"
                          + " WHERE NOT EXISTS (SELECT 1 FROM prescription_lock WHERE prescription_number = :n)")
                  .bind("n", number.value())
                  .bind("at", OffsetDateTime.now())
                  .execute());
    } catch (DuplicateKeyException e) {
      // inserted by another counter at the same instant: the row is there, which is all we need
    }
  }

  private static boolean isH2(Handle h) {
    try {
      return "H2".equals(h.getConnection().getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }
}
