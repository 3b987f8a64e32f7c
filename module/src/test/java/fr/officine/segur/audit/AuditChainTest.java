package fr.officine.segur.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.audit.AuditChain.Verification;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log's hash chain on H2 with the production migrations. */
class AuditChainTest {
  static final String PHARMACY_A = "690100011";
  static final String PHARMACY_B = "690100029";
  static final String PATIENT = "2751263220749";
  static final String OTHER_PATIENT = "1891299999999";
  static final String NUMBER = "01S2TBPZ2JCNZZYGHZ";

  Database db;
  AuditLog log;

  @BeforeEach
  void database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    db = new Database(h2);
    log = new AuditLog(db);
  }

  static AuditRecord access(String login, String finess, String action, String number, String ins) {
    return new AuditRecord(
        0,
        Instant.now(),
        login,
        "10100000016",
        "TITULAIRE",
        finess,
        action,
        number,
        number,
        ins,
        "127.0.0.1",
        "JUnit",
        200,
        null);
  }

  void appendFive() {
    for (int i = 0; i < 5; i++) {
      log.append(access("titulaire", PHARMACY_A, "PRESCRIPTION_CONSULT", NUMBER, PATIENT));
    }
  }

  void sql(String statement) {
    db.useTransaction(h -> h.execute(statement));
  }

  /**
   * What an attacker with the database owner's rights does: the append-only trigger refuses any
   * UPDATE or DELETE, so they drop it first, then edit. The hash chain is what still catches them.
   */
  void asOwnerWithoutTheTrigger(String statement) {
    sql("DROP TRIGGER IF EXISTS audit_record_append_only");
    sql(statement);
  }

  @Test
  void appended_records_are_numbered_from_1_and_the_chain_is_valid() {
    assertThat(log.verify()).isEqualTo(new Verification(true, 0, null));
    appendFive();
    assertThat(log.verify()).isEqualTo(new Verification(true, 5, null));
    assertThat(log.append(access("adjoint", PHARMACY_A, "SCAN", null, null)).seq()).isEqualTo(6);
  }

  @Test
  void
      the_database_refuses_a_plain_update_or_delete_of_an_audit_record_and_the_chain_stays_valid() {
    appendFive();
    assertThatThrownBy(() -> sql("UPDATE audit_record SET login = 'adjoint' WHERE seq = 3"))
        .hasStackTraceContaining(
            "Journal d'audit en ajout seul : modification refusée sur audit_record (enregistrement n° 3)");
    assertThatThrownBy(() -> sql("DELETE FROM audit_record WHERE seq = 2"))
        .hasStackTraceContaining(
            "Journal d'audit en ajout seul : suppression refusée sur audit_record (enregistrement n° 2)");
    assertThatThrownBy(() -> sql("DELETE FROM audit_record"))
        .hasStackTraceContaining("suppression refusée");
    // H2 fires no trigger on TRUNCATE: the guard table's foreign key makes it fail instead
    assertThatThrownBy(() -> sql("TRUNCATE TABLE audit_record"))
        .hasStackTraceContaining("TRUNCATE");
    // appending is what the log is for: still allowed, and nothing was changed
    assertThat(log.append(access("adjoint", PHARMACY_A, "SCAN", null, null)).seq()).isEqualTo(6);
    assertThat(log.verify()).isEqualTo(new Verification(true, 6, null));
  }

  @Test
  void an_edited_row_is_reported_by_its_own_sequence_number() {
    appendFive();
    asOwnerWithoutTheTrigger("UPDATE audit_record SET login = 'adjoint' WHERE seq = 3");
    assertThat(log.verify()).isEqualTo(new Verification(false, 5, 3L));
  }

  @Test
  void an_edited_time_or_outcome_breaks_the_chain_too() {
    appendFive();
    asOwnerWithoutTheTrigger("UPDATE audit_record SET http_status = 403 WHERE seq = 4");
    assertThat(log.verify().firstBrokenRecord()).isEqualTo(4L);
    asOwnerWithoutTheTrigger("UPDATE audit_record SET http_status = 200 WHERE seq = 4");
    assertThat(log.verify().valid()).isTrue();
    asOwnerWithoutTheTrigger(
        "UPDATE audit_record SET occurred_at = occurred_at + INTERVAL '1' SECOND WHERE seq = 2");
    assertThat(log.verify().firstBrokenRecord()).isEqualTo(2L);
  }

  @Test
  void a_deleted_row_is_reported_by_the_missing_sequence_number() {
    appendFive();
    asOwnerWithoutTheTrigger("DELETE FROM audit_record WHERE seq = 2");
    assertThat(log.verify()).isEqualTo(new Verification(false, 4, 2L));
  }

  @Test
  void deleting_the_last_rows_is_caught_by_the_chain_head() {
    appendFive();
    asOwnerWithoutTheTrigger("DELETE FROM audit_record WHERE seq >= 4");
    assertThat(log.verify()).isEqualTo(new Verification(false, 3, 4L));
  }

  @Test
  void two_swapped_rows_are_reported_at_the_first_of_them() {
    log.append(access("titulaire", PHARMACY_A, "SCAN", NUMBER, null));
    log.append(access("adjoint", PHARMACY_A, "PRESCRIPTION_CONSULT", NUMBER, PATIENT));
    log.append(access("preparateur", PHARMACY_A, "DISPENSATION_RECORD", NUMBER, null));
    log.append(access("titulaire", PHARMACY_A, "DISPENSATION_READ", NUMBER, null));
    // reorder rows 2 and 3 (their content and hashes move, their places do not)
    asOwnerWithoutTheTrigger("UPDATE audit_record SET seq = -3 WHERE seq = 3");
    asOwnerWithoutTheTrigger("UPDATE audit_record SET seq = 3 WHERE seq = 2");
    asOwnerWithoutTheTrigger("UPDATE audit_record SET seq = 2 WHERE seq = -3");
    assertThat(log.verify()).isEqualTo(new Verification(false, 4, 2L));
  }

  @Test
  void a_row_added_behind_the_writers_back_is_caught() {
    appendFive();
    sql(
        "INSERT INTO audit_record (seq, occurred_at, action, http_status, hash)"
            + " SELECT 6, occurred_at, action, http_status, hash FROM audit_record WHERE seq = 5");
    assertThat(log.verify()).isEqualTo(new Verification(false, 6, 6L));
  }

  @Test
  void concurrent_appends_are_chained_one_after_the_other() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Long>> work = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String login = "t" + i;
        work.add(() -> log.append(access(login, PHARMACY_A, "SCAN", null, null)).seq());
      }
      List<Long> seqs = new ArrayList<>();
      for (Future<Long> f : pool.invokeAll(work)) {
        seqs.add(f.get());
      }
      assertThat(seqs).doesNotHaveDuplicates().hasSize(200).allMatch(s -> s >= 1 && s <= 200);
    } finally {
      pool.shutdown();
    }
    assertThat(log.verify()).isEqualTo(new Verification(true, 200, null));
  }

  @Test
  void no_value_can_slide_into_its_neighbour_in_the_hashed_bytes() {
    Instant at = Instant.parse("2026-11-23T10:15:30.123456789Z");
    AuditRecord a =
        new AuditRecord(
            1, at, "ab", "c", null, null, "SCAN", null, null, null, null, null, 200, null);
    AuditRecord b =
        new AuditRecord(
            1, at, "a", "bc", null, null, "SCAN", null, null, null, null, null, 200, null);
    AuditRecord dash =
        new AuditRecord(
            1, at, "ab", "c", "-", null, "SCAN", null, null, null, null, null, 200, null);
    assertThat(AuditChain.link(AuditChain.GENESIS, a))
        .isNotEqualTo(AuditChain.link(AuditChain.GENESIS, b))
        .isNotEqualTo(AuditChain.link(AuditChain.GENESIS, dash));
    // nanoseconds beyond what the database keeps are not hashed
    assertThat(a.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123456Z"));
  }

  @Test
  void
      the_accesses_to_a_patient_include_scans_and_dispensations_of_their_prescriptions_for_the_pharmacy_only() {
    log.append(access("preparateur", PHARMACY_A, "SCAN", NUMBER, null));
    log.append(access("preparateur", PHARMACY_A, "PRESCRIPTION_CONSULT", NUMBER, PATIENT));
    log.append(access("titulaire", PHARMACY_A, "DISPENSATION_RECORD", NUMBER, null));
    log.append(
        access(
            "titulaire", PHARMACY_A, "PRESCRIPTION_CONSULT", "0000000000000000AA", OTHER_PATIENT));
    log.append(access("confrere", PHARMACY_B, "PRESCRIPTION_CONSULT", NUMBER, PATIENT));

    List<AuditRecord> found = log.accessesToPatient(PHARMACY_A, PATIENT, 100);

    assertThat(found).extracting(AuditRecord::seq).containsExactly(3L, 2L, 1L);
    assertThat(found)
        .extracting(AuditRecord::action)
        .containsExactly("DISPENSATION_RECORD", "PRESCRIPTION_CONSULT", "SCAN");
    assertThat(log.accessesToPatient(PHARMACY_B, PATIENT, 100))
        .extracting(AuditRecord::login)
        .containsExactly("confrere");
    assertThat(log.accessesToPatient(PHARMACY_A, PATIENT, 2)).hasSize(2);
  }

  @Test
  void another_pharmacys_consult_never_ties_a_prescription_to_a_patient_for_this_pharmacy() {
    // issue 11 §16: B scanned (or was refused) a prescription it never consulted; only A's consult
    // says whose it is, and that is A's knowledge
    log.append(access("titulaire", PHARMACY_A, "PRESCRIPTION_CONSULT", NUMBER, PATIENT));
    log.append(access("confrere", PHARMACY_B, "SCAN", NUMBER, null));

    assertThat(log.accessesToPatient(PHARMACY_B, PATIENT, 100)).isEmpty();
    assertThat(log.accessesToPatient(PHARMACY_A, PATIENT, 100))
        .extracting(AuditRecord::login)
        .containsExactly("titulaire");
  }

  @Test
  void a_pharmacy_verifies_the_whole_chain_but_counts_its_own_records_only() {
    appendFive();
    log.append(access("confrere", PHARMACY_B, "SCAN", NUMBER, null));
    log.append(access(null, null, "LOGIN", null, null));

    assertThat(log.verify(PHARMACY_A)).isEqualTo(new Verification(true, 5, null));
    assertThat(log.verify(PHARMACY_B)).isEqualTo(new Verification(true, 1, null));
    assertThat(log.verify()).isEqualTo(new Verification(true, 7, null));
    // a break in A's records is a break of the one chain: B is told the log is invalid too
    asOwnerWithoutTheTrigger("UPDATE audit_record SET role = 'ADJOINT' WHERE seq = 2");
    assertThat(log.verify(PHARMACY_B)).isEqualTo(new Verification(false, 1, 2L));
  }

  @Test
  void the_offline_command_checks_a_database_file_read_only() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "audit-offline");
    String file = dir.toAbsolutePath().resolve("segur").toString();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + file);
    Migrations.migrate(h2);
    AuditLog fileLog = new AuditLog(new Database(h2));
    for (int i = 0; i < 3; i++) {
      fileLog.append(access("titulaire", PHARMACY_A, "SCAN", null, null));
    }
    try (Connection c = h2.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
    assertThat(runOffline(file))
        .isEqualTo("0 {\"valid\":true,\"records\":3,\"firstBrokenRecord\":null}");

    try (Connection c = h2.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE audit_record SET role = 'ADJOINT' WHERE seq = 2")) {
      // the owner drops the append-only trigger, then edits the file
      try (Statement s = c.createStatement()) {
        s.execute("DROP TRIGGER audit_record_append_only");
      }
      ps.executeUpdate();
      try (Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
    assertThat(runOffline(file))
        .isEqualTo("1 {\"valid\":false,\"records\":3,\"firstBrokenRecord\":2}");
    try (Connection c = h2.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_record")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(3);
    }
  }

  private static String runOffline(String file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        VerifyAuditChain.run(
            file,
            "",
            "",
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return code + " " + (code == 2 ? err : out).toString(StandardCharsets.UTF_8).strip();
  }
}
