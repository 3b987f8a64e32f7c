package fr.officine.segur.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 6.1 (Flyway Java migration; the class name is Flyway's version convention): the
 * database refuses UPDATE and DELETE on audit_record. A Java migration because the statement
 * depends on the database: H2 calls a Java trigger class ({@code audit.AppendOnlyTrigger}),
 * PostgreSQL a PL/pgSQL function. Registered explicitly in {@link Migrations} (no class-path
 * scanning), beside the SQL migrations of {@code db/migration}: the data package is below every
 * feature, so it names the trigger class by its text rather than importing the audit package.
 */
public class V6_1__Audit_append_only extends BaseJavaMigration {
  static final String TRIGGER = "audit_record_append_only";

  /**
   * H2 stores this name in every database migrated since version 6.1 and loads the class by it at
   * each write to audit_record: the class may never move (AppendOnlyTriggerNameTest checks it).
   */
  public static final String H2_TRIGGER_CLASS = "fr.officine.segur.audit.AppendOnlyTrigger";

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    String product = c.getMetaData().getDatabaseProductName();
    try (Statement s = c.createStatement()) {
      if ("H2".equals(product)) {
        s.execute(
            "CREATE TRIGGER "
                + TRIGGER
                + " BEFORE UPDATE, DELETE ON audit_record FOR EACH ROW CALL '"
                + H2_TRIGGER_CLASS
                + "'");
      } else if ("PostgreSQL".equals(product)) {
        // Not run in this project's tests (no PostgreSQL here); the privileges part is in the
        // README.
        s.execute(
            "CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN RAISE EXCEPTION 'Journal d''audit en ajout seul : % refusé sur audit_record', TG_OP;"
                + " END $$");
        s.execute(
            "CREATE TRIGGER "
                + TRIGGER
                + " BEFORE UPDATE OR DELETE ON audit_record"
                + " FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()");
        s.execute(
            "CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record"
                + " FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only()");
      } else {
        throw new IllegalStateException(
            "Append-only audit_record: no trigger for database "
                + product
                + " (H2 and PostgreSQL only)");
      }
    }
  }
}
