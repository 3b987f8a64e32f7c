package fr.officine.segur.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 6.1 (Flyway Java migration; the class name is Flyway's version convention): the
 * database refuses UPDATE and DELETE on audit_record. A Java migration because the statement
 * depends on the database: H2 calls a Java trigger class ({@link AppendOnlyTrigger}), PostgreSQL
 * a PL/pgSQL function. Registered explicitly in {@code Migrations} (no class-path scanning).
 */
public class V6_1__Audit_append_only extends BaseJavaMigration {
  static final String TRIGGER = "audit_record_append_only";

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    String product = c.getMetaData().getDatabaseProductName();
    try (Statement s = c.createStatement()) {
      if ("H2".equals(product)) {
        s.execute(
            "CREATE TRIGGER " + TRIGGER + " BEFORE UPDATE, DELETE ON audit_record FOR EACH ROW CALL '"
                + AppendOnlyTrigger.class.getName() + "'");
      } else if ("PostgreSQL".equals(product)) {
        // Not run in this project's tests (no PostgreSQL here); the privileges part is in the README.
        s.execute(
            "CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN RAISE EXCEPTION 'Journal d''audit en ajout seul : % refusé sur audit_record', TG_OP;"
                + " END $$");
        s.execute(
            "CREATE TRIGGER " + TRIGGER + " BEFORE UPDATE OR DELETE ON audit_record"
                + " FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()");
        s.execute(
            "CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record"
                + " FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only()");
      } else {
        throw new IllegalStateException(
            "Append-only audit_record: no trigger for database " + product + " (H2 and PostgreSQL only)");
      }
    }
  }
}
