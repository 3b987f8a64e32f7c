package fr.officine.segur.data;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The module's database: H2 in file mode under {@code ${segur.data.dir}/module/segur}. Payara
 * substitutes {@code ${MPCONFIG=…}} from MicroProfile Config, so {@code -Dsegur.data.dir=…} moves
 * it. The pool bounds are explicit because the annotation's defaults (-1) make Payara log an error
 * (shared/STACK.md §4). {@code MODE=LEGACY} is not needed: no IDENTITY columns, ids are strings.
 *
 * <p>{@code WRITE_DELAY=0}: by default H2 keeps a commit in memory up to 500 ms before writing it,
 * so a {@code kill -9} right after a commit loses it (reproduced: a row committed then
 * {@code Runtime.halt()} is gone at the next open; with WRITE_DELAY=0 it is there). A recorded
 * dispensation and its outbox rows must survive a killed process (issue 3).
 *
 * <p>{@code segur.h2.options} (default {@code DB_CLOSE_ON_EXIT=FALSE}) exists for the integration
 * tests, which set {@code AUTO_SERVER=TRUE} (H2 refuses it together with DB_CLOSE_ON_EXIT=FALSE) to
 * open the file beside Payara (the audit tamper test).
 * Never in production: AUTO_SERVER opens an H2 TCP port reachable from other hosts (-tcpAllowOthers).
 */
@DataSourceDefinition(
    name = DataSourceConfig.JNDI_NAME,
    className = "org.h2.jdbcx.JdbcDataSource",
    url =
        "jdbc:h2:file:${MPCONFIG=segur.data.dir}/module/segur;WRITE_DELAY=0;${MPCONFIG=segur.h2.options}",
    user = "sa",
    password = "",
    minPoolSize = 2,
    maxPoolSize = 32,
    initialPoolSize = 2)
@ApplicationScoped
public class DataSourceConfig {
  public static final String JNDI_NAME = "java:app/jdbc/segur";

  /** Lets every bean take the DataSource through its constructor. */
  @Produces
  @Resource(lookup = JNDI_NAME)
  private DataSource dataSource;

  /**
   * The module's one {@link Jdbi}, over the pooled DataSource (each handle borrows a pooled
   * connection and gives it back). {@code @Singleton}, not {@code @ApplicationScoped}: {@link Jdbi}
   * has no constructor a client proxy could use, and it is immutable once configured.
   */
  @Produces
  @Singleton
  Jdbi jdbi() {
    return Jdbis.create(dataSource);
  }
}
