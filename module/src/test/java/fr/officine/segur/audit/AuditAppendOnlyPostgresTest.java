package fr.officine.segur.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.audit.AuditChain.Verification;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.DatabaseSettings;
import fr.officine.segur.data.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The append-only audit log on a real PostgreSQL (issue 13 §1), migrated as production does it:
 * tables owned by the migration role, the application role granted row rights after the migrations.
 * The application role is refused UPDATE, DELETE and TRUNCATE on audit_record by its privileges
 * (SQLSTATE 42501, before any trigger), and even the owner is refused them by the V6.1 trigger; the
 * chain still verifies after every attempt.
 */
class AuditAppendOnlyPostgresTest {
  static DatabaseSettings settings;
  static AuditLog log;

  @BeforeAll
  static void database() {
    settings = TestPostgres.migratedDatabase();
    log = new AuditLog(new Database(settings.application()));
    for (int i = 0; i < 3; i++) {
      log.append(
          new AuditRecord(
              0,
              Instant.now(),
              "titulaire",
              "10100000016",
              "TITULAIRE",
              "690100011",
              "PRESCRIPTION_CONSULT",
              "01S2TBPZ2JCNZZYGHZ",
              "01S2TBPZ2JCNZZYGHZ",
              "2751263220749",
              "127.0.0.1",
              "JUnit",
              200,
              null));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE audit_record SET http_status = 500 WHERE seq = 2",
        "DELETE FROM audit_record WHERE seq = 3",
        "TRUNCATE audit_record",
        "TRUNCATE audit_record CASCADE",
        "ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only",
        "DROP TABLE audit_record CASCADE"
      })
  void the_application_role_may_not_rewrite_the_audit_log(String sql) {
    assertThatThrownBy(() -> run(settings.application(), sql))
        .isInstanceOf(SQLException.class)
        .satisfies(
            e ->
                assertThat(((SQLException) e).getSQLState())
                    .as(e.getMessage())
                    .isIn("42501", "42P01"))
        .hasMessageContaining("audit_record");
    assertThat(log.verify()).isEqualTo(new Verification(true, 3, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE audit_record SET http_status = 500 WHERE seq = 2",
        "DELETE FROM audit_record WHERE seq = 3",
        "TRUNCATE audit_record CASCADE"
      })
  void even_the_owner_is_refused_by_the_trigger(String sql) {
    assertThatThrownBy(() -> run(settings.migration(), sql))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Journal d'audit en ajout seul");
    assertThat(log.verify()).isEqualTo(new Verification(true, 3, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (2, 0, 'x')",
        "DELETE FROM audit_chain_head",
        "DELETE FROM flyway_schema_history",
        "CREATE TABLE intruder (id INTEGER)"
      })
  void the_application_role_may_neither_reset_the_chain_nor_change_the_schema(String sql) {
    assertThatThrownBy(() -> run(settings.application(), sql))
        .isInstanceOf(SQLException.class)
        .satisfies(
            e ->
                assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo("42501"));
  }

  static void run(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
