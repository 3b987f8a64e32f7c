package fr.officine.segur.data;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PostgreSQL: what the application's login may do once the migration login (the schema's owner) has
 * migrated. Run after every migration, so a table added by any later version is covered: rows may
 * be read and written, the schema never changed; the audit log is append-only (V4: {@code
 * audit_record} SELECT and INSERT only, its chain head SELECT and UPDATE only) and Flyway's history
 * is out of reach. The V6.1 trigger refuses UPDATE/DELETE/TRUNCATE on {@code audit_record} even to
 * the owner; these grants refuse them to the application before any trigger runs.
 */
final class ApplicationRoleGrants {
  private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private ApplicationRoleGrants() {}

  static void grant(Connection c, String role) throws SQLException {
    if (!ROLE.matcher(role).matches()) {
      throw new IllegalArgumentException(
          "segur.db.user: a plain lower-case PostgreSQL role name, not " + role);
    }
    String schema;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_schema()")) {
      rs.next();
      schema = '"' + rs.getString(1).replace("\"", "\"\"") + '"';
    }
    List<String> statements =
        List.of(
            "GRANT USAGE ON SCHEMA " + schema + " TO " + role,
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
                + schema
                + " TO "
                + role,
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role,
            "REVOKE ALL ON flyway_schema_history FROM " + role,
            "REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_record FROM " + role,
            "REVOKE INSERT, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_chain_head FROM " + role,
            "REVOKE ALL ON audit_record_truncate_guard FROM " + role);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }
}
