package fr.officine.segur.data;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The module's database, by configuration only (README « PostgreSQL »): {@code segur.db.url}, an H2
 * file under {@code ${segur.data.dir}/module/segur} by default (the embedded database of {@code
 * deploy/run.sh}), or a PostgreSQL database ({@code jdbc:postgresql://…}, with {@code
 * segur.db.user} / {@code segur.db.password}). {@link ConfiguredDataSource} reads the settings and
 * builds the vendor's data source; Payara pools its connections. The pool bounds are explicit
 * because the annotation's defaults (-1) make Payara log an error (shared/STACK.md §4).
 *
 * <p>Each connection is checked ({@code Connection.isValid}) before the pool hands it out, and a
 * failed one makes the pool drop them all: after a database restart the next call gets a fresh
 * connection instead of a dead socket.
 *
 * <p>The default H2 URL ({@code META-INF/microprofile-config.properties}): {@code WRITE_DELAY=0},
 * because by default H2 keeps a commit in memory up to 500 ms before writing it, so a {@code kill
 * -9} right after a commit loses it (reproduced: a row committed then {@code Runtime.halt()} is
 * gone at the next open; with WRITE_DELAY=0 it is there). A recorded dispensation and its outbox
 * rows must survive a killed process (issue 3). {@code segur.h2.options} (default {@code
 * DB_CLOSE_ON_EXIT=FALSE}) exists for the integration tests, which set {@code AUTO_SERVER=TRUE} (H2
 * refuses it together with DB_CLOSE_ON_EXIT=FALSE) to open the file beside Payara (the audit tamper
 * test). Never in production: AUTO_SERVER opens an H2 TCP port reachable from other hosts
 * (-tcpAllowOthers).
 */
@DataSourceDefinition(
    name = DataSourceConfig.JNDI_NAME,
    className = "fr.officine.segur.data.ConfiguredDataSource",
    minPoolSize = 2,
    maxPoolSize = 32,
    initialPoolSize = 2,
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.fail-all-connections=true"
    })
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
