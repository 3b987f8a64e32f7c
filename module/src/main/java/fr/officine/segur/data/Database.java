package fr.officine.segur.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC with explicit, short, local transactions. The dispensation flow needs two separate
 * commits around a SOAP call that must run outside any transaction, so every unit of work says
 * where it starts and ends here instead of relying on a container transaction that could span the
 * call. Callers are never inside a JTA transaction (no EJB with container-managed transactions
 * touches the database).
 */
@ApplicationScoped
public class Database {
  private DataSource dataSource;

  protected Database() {}

  @Inject
  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw toRuntime(e);
    }
  }

  /** A read or a single statement, in auto-commit. */
  public <T> T read(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw toRuntime(e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  private static RuntimeException toRuntime(SQLException e) {
    return isUniqueViolation(e) ? new DuplicateKeyException(e) : new DataAccessException(e);
  }

  /** SQLSTATE 23505 is "unique violation" on H2 and PostgreSQL alike. */
  static boolean isUniqueViolation(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if ("23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
