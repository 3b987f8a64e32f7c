package fr.officine.segur.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Before the migrations, on PostgreSQL only: the type names the scripts share with H2 that
 * PostgreSQL lacks. {@code BLOB} (V2: the document's CDA and PDF) is H2's binary large object;
 * PostgreSQL's binary type is {@code bytea}, so {@code blob} is made a domain over it. The scripts
 * stay as they were applied (their checksums unchanged on every existing H2 database), and both
 * drivers read and write the column with {@code getBytes}/{@code setBytes}. Idempotent.
 */
final class PostgresTypes implements Callback {
  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    Connection c = context.getConnection();
    try {
      if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
        return;
      }
      try (Statement s = c.createStatement()) {
        s.execute(
            "DO $$ BEGIN CREATE DOMAIN blob AS bytea;"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public String getCallbackName() {
    return "postgres-types";
  }
}
