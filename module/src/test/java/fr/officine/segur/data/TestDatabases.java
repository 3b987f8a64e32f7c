package fr.officine.segur.data;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh database at the code's schema version, on either engine the module runs on. */
public final class TestDatabases {
  public static final String H2 = "H2";
  public static final String POSTGRESQL = "PostgreSQL";

  private TestDatabases() {}

  /**
   * The application's data source of a new migrated database: {@link #H2} or {@link #POSTGRESQL}.
   */
  public static DataSource migrated(String engine) {
    return switch (engine) {
      case H2 -> {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Migrations.migrate(h2);
        yield h2;
      }
      case POSTGRESQL -> TestPostgres.migratedDatabase().application();
      default -> throw new IllegalArgumentException(engine);
    };
  }
}
