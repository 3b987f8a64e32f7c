package fr.officine.segur.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Explicit, short, local transactions on Jdbi handles. The dispensation flow needs two separate
 * commits around a SOAP call that must run outside any transaction, so every unit of work says
 * where it starts and ends here instead of relying on a container transaction that could span the
 * call. Callers are never inside a JTA transaction (no EJB with container-managed transactions
 * touches the database). Work that must share a transaction takes the {@link Handle} it is given.
 *
 * <p>Failures come out as the module's own exceptions, whatever the library: a unique violation as
 * {@link DuplicateKeyException} (callers arbitrate races on it), any other SQL failure as {@link
 * DataAccessException} carrying the {@link SQLException} (its SQLState tells a lock conflict).
 */
@ApplicationScoped
public class Database {
  private Jdbi jdbi;

  protected Database() {}

  @Inject
  public Database(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The tests' door: the module's Jdbi configuration over {@code dataSource}. */
  public Database(DataSource dataSource) {
    this(Jdbis.create(dataSource));
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.inTransaction(work);
    } catch (JdbiException e) {
      throw translate(e);
    }
  }

  /** As {@link #inTransaction(HandleCallback)}, with nothing to return. */
  public void useTransaction(HandleConsumer<RuntimeException> work) {
    inTransaction(
        h -> {
          work.useHandle(h);
          return null;
        });
  }

  /** A read or a single statement, in auto-commit. */
  public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw translate(e);
    }
  }

  /**
   * Plain JDBC in one transaction, on the connection of a Jdbi handle: only for the outbox until it
   * moves to Jdbi (its claiming is being rewritten), nothing new.
   */
  public <T> T jdbcTransaction(SqlWork<T> work) {
    return inTransaction(h -> runJdbc(work, h.getConnection()));
  }

  /** As {@link #jdbcTransaction}, in auto-commit. */
  public <T> T jdbcRead(SqlWork<T> work) {
    return withHandle(h -> runJdbc(work, h.getConnection()));
  }

  private static <T> T runJdbc(SqlWork<T> work, Connection c) {
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** What plain JDBC code on a handle's connection throws: the module's exception for {@code e}. */
  public static RuntimeException failure(SQLException e) {
    return toRuntime(e);
  }

  private static RuntimeException translate(JdbiException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return toRuntime(s);
      }
    }
    return e;
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

  /** A unit of plain JDBC work on one connection (the outbox's, until it moves to Jdbi). */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
