package fr.officine.segur.data;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Tells a database that cannot be reached (restarting, stopped, network cut) from a defect of the
 * module: the first is answered 503 with Retry-After, the counter asks again; the second is a 500
 * with an incident id. Decided on the SQLSTATE, the same on H2 and PostgreSQL (SQL:2011 class 08
 * "connection exception"; PostgreSQL class 57P "operator intervention": 57P01 admin shutdown, 57P02
 * crash shutdown, 57P03 cannot connect now) and on the JDBC exception classes that say the
 * connection is gone.
 */
public final class DatabaseUnavailable {
  private DatabaseUnavailable() {}

  /** The SQL exception in {@code failure}'s causes that says the database is out of reach. */
  public static Optional<SQLException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s) {
        for (SQLException next = s; next != null; next = next.getNextException()) {
          if (isConnectionLoss(next)) {
            return Optional.of(next);
          }
        }
      }
    }
    return Optional.empty();
  }

  static boolean isConnectionLoss(SQLException e) {
    if (e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }
}
