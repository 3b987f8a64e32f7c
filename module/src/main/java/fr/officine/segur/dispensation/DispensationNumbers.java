package fr.officine.segur.dispensation;

import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The pharmacy-local number of a recorded dispensation (1, 2, 3… per pharmacy, table
 * {@code dispensation_number}): given the first time the dispensation is shown recorded, kept
 * forever. The next number is the pharmacy's highest + 1; two counters taking it at once collide on
 * the primary key and the loser takes the next one (no sequence per pharmacy to create: the same
 * SQL on H2 and PostgreSQL).
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
  public long of(String finess, String dispensationId) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Long> existing = db.read(c -> find(c, dispensationId));
      if (existing.isPresent()) {
        return existing.get();
      }
      try {
        return db.inTransaction(c -> give(c, finess, dispensationId));
      } catch (RuntimeException e) {
        if (!duplicate(e)) {
          throw e;
        }
        // another counter took that number (or numbered this dispensation) meanwhile: read again
      }
    }
    throw new IllegalStateException("no local number after " + ATTEMPTS + " attempts for " + dispensationId);
  }

  private static Optional<Long> find(Connection c, String dispensationId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT local_number FROM dispensation_number WHERE dispensation_id = ?")) {
      ps.setString(1, dispensationId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private static long give(Connection c, String finess, String dispensationId) throws SQLException {
    long next;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(MAX(local_number), 0) + 1 FROM dispensation_number WHERE pharmacy_finess = ?")) {
      ps.setString(1, finess);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        next = rs.getLong(1);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dispensation_number (pharmacy_finess, local_number, dispensation_id) VALUES (?, ?, ?)")) {
      ps.setString(1, finess);
      ps.setLong(2, next);
      ps.setString(3, dispensationId);
      ps.executeUpdate();
    }
    return next;
  }

  /** A unique or primary key violation (SQLState class 23), wrapped or not. */
  private static boolean duplicate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }
}
