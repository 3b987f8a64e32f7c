package fr.officine.segur.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.DatabaseSettings;
import fr.officine.segur.data.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a counter gets when the module's own database is out of reach, with real drivers against
 * real servers (or a port nobody listens on): 503 database-unavailable, not a 500 incident (issue
 * 13 §6); a defect stays a 500. The HTTP answer itself (status, Retry-After) is read by {@code
 * ClusterScriptIT} while PostgreSQL restarts under the nodes.
 */
class UnexpectedExceptionMapperTest {
  @Test
  void a_postgresql_nobody_listens_to_is_unavailable_not_an_incident() throws IOException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl("jdbc:postgresql://127.0.0.1:" + closedPort() + "/segur");
    ds.setConnectTimeout(5);

    assertUnavailable((failureOf(ds, "select 1")));
  }

  @Test
  void a_postgresql_connection_ended_by_the_server_is_unavailable() throws Exception {
    DatabaseSettings settings = TestPostgres.migratedDatabase();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(settings.url());
    ds.setUser(settings.user());
    ds.setPassword(settings.password());
    Database db = new Database(ds);
    // the server ends the session as a restart does (SQLSTATE 57P01, admin shutdown)
    Throwable ended =
        catchThrowable(
            () ->
                db.withHandle(
                    h -> {
                      int pid = h.createQuery("select pg_backend_pid()").mapTo(int.class).one();
                      try (var other = ds.getConnection();
                          var s = other.createStatement()) {
                        s.execute("select pg_terminate_backend(" + pid + ")");
                      } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                      }
                      return h.createQuery("select 1").mapTo(int.class).one();
                    }));

    assertUnavailable((ended));
  }

  @Test
  void an_h2_server_nobody_listens_to_is_unavailable() throws IOException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/segur");

    assertUnavailable((failureOf(ds, "select 1")));
  }

  @Test
  void a_defect_of_the_module_is_still_an_incident() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:mapper");

    Throwable bug = failureOf(ds, "select no_such_column from dual");

    UnexpectedExceptionMapper.Answer answer = UnexpectedExceptionMapper.answer(bug, "/api/v1/x");
    assertThat(answer.type()).isEqualTo(ProblemType.INTERNAL_ERROR);
    assertThat(answer.detail()).as("an incident id to quote").matches("Incident [0-9a-f-]{36}\\.");
    assertThat(answer.retryAfterSeconds()).isEmpty();
  }

  private static Throwable failureOf(DataSource ds, String sql) {
    Throwable t = catchThrowable(() -> new Database(ds).withHandle(h -> h.execute(sql)));
    assertThat(t).as("the statement must fail").isNotNull();
    return t;
  }

  private static void assertUnavailable(Throwable failure) {
    UnexpectedExceptionMapper.Answer answer =
        UnexpectedExceptionMapper.answer(failure, "/api/v1/x");
    assertThat(answer.type()).as("%s", failure).isEqualTo(ProblemType.DATABASE_UNAVAILABLE);
    assertThat(answer.retryAfterSeconds()).hasValue(UnexpectedExceptionMapper.RETRY_AFTER_SECONDS);
    assertThat(answer.detail()).as("nothing internal").isNull();
    assertThat(ProblemType.DATABASE_UNAVAILABLE.status()).isEqualTo(503);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
