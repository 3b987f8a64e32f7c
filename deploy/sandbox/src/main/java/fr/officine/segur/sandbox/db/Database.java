package fr.officine.segur.sandbox.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * One H2 database of one sandboxed service: a file under the data directory, or an in-memory
 * database private to this sandbox instance (tests start several sandboxes in one JVM). The stores
 * write their SQL through Jdbi handles (named parameters, rows mapped to records), as the module
 * does.
 *
 * <p>Its three transaction methods look like the module's {@code data.Database}, on purpose not
 * shared: the sandbox stands for the national services, a separate process with its own H2
 * (shared/DESIGN.md), and shares with the module only the {@code api} contract jar, which an LGO
 * vendor uses and which must not carry Jdbi. What they share is Jdbi's own API; what differs is
 * what a failure becomes (here one {@link DatabaseException}, there the module's duplicate-key and
 * data-access exceptions that its callers arbitrate races on).
 */
public final class Database implements AutoCloseable {

  // A waiting execution on a locked prescription must wait for the one in progress, not fail.
  private static final String OPTIONS = ";LOCK_TIMEOUT=15000";

  private final JdbcConnectionPool pool;
  private final Jdbi jdbi;

  private Database(String url) {
    this.pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(32);
    this.jdbi = Jdbi.create(pool);
  }

  /** {@code dataDir == null}: in memory, gone when the sandbox stops. */
  public static Database open(Path dataDir, String name) {
    String url =
        dataDir == null
            ? "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + OPTIONS
            : "jdbc:h2:file:" + dataDir.resolve(name).resolve(name).toAbsolutePath() + OPTIONS;
    return new Database(url);
  }

  /** Runs a SQL script of statements separated by ';' at line ends (our own schema files). */
  public void runScript(String classpathResource) {
    String script;
    try (InputStream in = Database.class.getResourceAsStream(classpathResource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + classpathResource);
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    useTransaction(
        h -> {
          String withoutComments = script.replaceAll("(?m)^\\s*--.*$", "");
          for (String sql : withoutComments.split(";\\s*\\n")) {
            String trimmed = sql.strip();
            if (!trimmed.isEmpty()) {
              h.execute(trimmed);
            }
          }
        });
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

  /**
   * Seeds once per database: runs {@code work} in one transaction unless {@code marker} is already
   * a key of {@code metaTable} (meta_key, meta_value), and records it there with {@code value}.
   */
  public boolean once(
      String metaTable, String marker, String value, HandleConsumer<RuntimeException> work) {
    return inTransaction(
        h -> {
          boolean done =
              h.createQuery("SELECT 1 FROM " + metaTable + " WHERE meta_key = :marker")
                  .bind("marker", marker)
                  .mapTo(Integer.class)
                  .findFirst()
                  .isPresent();
          if (done) {
            return false;
          }
          work.useHandle(h);
          h.createUpdate(
                  "INSERT INTO " + metaTable + "(meta_key, meta_value) VALUES (:marker, :value)")
              .bind("marker", marker)
              .bind("value", value)
              .execute();
          return true;
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

  private static RuntimeException translate(JdbiException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return new DatabaseException(s);
      }
    }
    return e;
  }

  @Override
  public void close() {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      // Closes the file cleanly (or frees the in-memory database) even with DB_CLOSE_DELAY=-1.
      st.execute("SHUTDOWN");
    } catch (SQLException e) {
      // Already closed: nothing to release.
    } finally {
      pool.dispose();
    }
  }

  /** A SQL failure the caller cannot fix; keeps the SQLState for unique-key detection. */
  public static final class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
      super(cause);
    }

    public boolean isUniqueViolation() {
      return getCause() instanceof SQLException s && "23505".equals(s.getSQLState());
    }
  }
}
