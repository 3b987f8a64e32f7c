package fr.officine.segur.data;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the version of the code before anything else uses the database: a
 * {@code @Startup} singleton finishes its {@code @PostConstruct} before the application takes
 * requests. Bean-managed transactions, because Flyway commits on its own connection and must not
 * run inside a container transaction.
 *
 * <p>On PostgreSQL with a migration login ({@code segur.db.migration-user}), the migrations run as
 * that login, which owns the schema, and the application's login is then granted row rights only
 * ({@link ApplicationRoleGrants}): it can neither change the schema nor rewrite the audit log.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Migrations {
  private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

  // Field injection: an EJB needs a no-argument constructor; these are set before @PostConstruct.
  @Resource(lookup = DataSourceConfig.JNDI_NAME)
  private DataSource dataSource;

  @Inject private Event<SchemaReady> schemaReady;

  // Not named migrate(): Payara finds a lifecycle callback by name, and with the static
  // migrate(DataSource) beside it, it sometimes invoked that one ("wrong number of arguments",
  // the WAR not deployed), depending on the JVM's method order.
  @PostConstruct
  void migrateAtStartup() {
    DatabaseSettings settings =
        DatabaseSettings.from(ConfigProvider.getConfig(Migrations.class.getClassLoader()));
    LOG.info(() -> "Database: " + settings);
    MigrateResult result =
        settings.migrationUser().isPresent() ? migrate(settings) : migrate(dataSource);
    LOG.info(
        () ->
            "Schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migration(s) applied now)");
    schemaReady.fire(new SchemaReady(result.targetSchemaVersion));
  }

  /**
   * Migrates as the migration login, then grants the application's login its row rights (when it is
   * another login). Also used by the tests on a real PostgreSQL.
   */
  public static MigrateResult migrate(DatabaseSettings settings) {
    DataSource owner = settings.migration();
    MigrateResult result = migrate(owner);
    if (settings.postgres() && settings.grantee().isPresent()) {
      try (Connection c = owner.getConnection()) {
        ApplicationRoleGrants.grant(c, settings.grantee().get());
      } catch (SQLException e) {
        throw new DataAccessException(e);
      }
    }
    return result;
  }

  /** Also used by the tests on an in-memory H2, so they run the very scripts of production. */
  public static MigrateResult migrate(DataSource dataSource) {
    return configuration(dataSource).load().migrate();
  }

  /**
   * The one Flyway configuration of the module (scripts, order, Java migrations, PostgreSQL's
   * types); the tests of a migration stop it at the version before theirs ({@code target}).
   */
  public static FluentConfiguration configuration(DataSource dataSource) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        // versions are reserved per feature and may land in any order (V10 after V11): a database
        // already past a version still gets the lower one (the scripts do not depend on each other)
        .outOfOrder(true)
        // database-specific statements (triggers) that a plain SQL script cannot say for both H2
        // and PostgreSQL
        .javaMigrations(new V6_1__Audit_append_only())
        // PostgreSQL's name for a type the scripts share with H2 (BLOB)
        .callbacks(new PostgresTypes());
  }
}
