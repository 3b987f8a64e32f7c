package fr.officine.segur.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.data.TestDatabases;
import fr.officine.segur.data.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Send reasons are codes that behaviour matches on, the French sentence only a label (issue 14 §2):
 * a send stored before the codes (by its sentence) gets its code from migration 16, and rewording a
 * sentence leaves the stored rows matching.
 */
class SendReasonCodeTest {
  /**
   * The DMP send's sentence while it waited for the INS qualification, as stored up to version 15.
   */
  static final String STORED_NOT_QUALIFIED =
      "INS non qualifié : vérifiez l'identité (pièce d'identité + téléservice INSi) avant"
          + " d'alimenter le DMP. Le document partira dès que l'identité sera qualifiée.";

  /** A new, empty database of {@code engine} (V16 runs on both, issue 13 §1). */
  static DataSource empty(String engine) {
    if (TestDatabases.POSTGRESQL.equals(engine)) {
      return TestPostgres.emptyDatabase().migration();
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:send-reasons-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
  void
      a_send_stored_with_the_sentence_before_the_codes_gets_its_code_and_a_qualification_still_releases_it(
          String engine) throws Exception {
    DataSource db = empty(engine);
    // the schema as it was before the codes, and the rows a module of that version wrote
    Migrations.configuration(db).target("15").load().migrate();
    DispensationId waiting = DispensationId.newId();
    DispensationId noDmp = DispensationId.newId();
    DispensationId refusedByDp = DispensationId.newId();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      pharmacyAndAccount(s);
      storedSend(c, waiting, "DMP", "NOT_APPLICABLE", STORED_NOT_QUALIFIED);
      storedSend(c, noDmp, "DMP", "NOT_APPLICABLE", "Le patient n'a pas de DMP.");
      storedSend(
          c, refusedByDp, "DP", "REFUSED", "Refus du Dossier Pharmaceutique (DP_X) : refus.");
    }

    Migrations.migrate(db);
    Outbox outbox = new Outbox(new Database(db));

    assertThat(outbox.forDispensation(waiting).get(0).reasonCode())
        .contains(SendReason.INS_NOT_QUALIFIED);
    assertThat(outbox.forDispensation(noDmp).get(0).reasonCode()).contains(SendReason.DMP_NONE);
    assertThat(outbox.forDispensation(refusedByDp).get(0).reasonCode())
        .contains(SendReason.DP_REFUSED);
    Reason released = Reason.of(SendReason.INS_QUALIFIED_RELEASED);
    assertThat(outbox.reopenIf(waiting, OutboxTarget.DMP, SendReason.INS_NOT_QUALIFIED, released))
        .isTrue();
    assertThat(outbox.reopenIf(noDmp, OutboxTarget.DMP, SendReason.INS_NOT_QUALIFIED, released))
        .isFalse();
    OutboxEntry reopened = outbox.forDispensation(waiting).get(0);
    assertThat(reopened.state()).isEqualTo(OutboxState.PENDING);
    assertThat(reopened.reasonCode()).contains(SendReason.INS_QUALIFIED_RELEASED);
    assertThat(reopened.reason()).contains(SendReason.INS_QUALIFIED_RELEASED.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
  void a_reworded_sentence_leaves_the_stored_send_matching_its_code(String engine)
      throws Exception {
    DataSource db = empty(engine);
    Migrations.migrate(db);
    DispensationId id = DispensationId.newId();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      pharmacyAndAccount(s);
      storedSend(c, id, "DMP", "PENDING", null);
    }
    Outbox outbox = new Outbox(new Database(db));
    OutboxEntry claim =
        outbox.claimDue(OutboxTarget.DMP, 1, Duration.ofMinutes(1), "A", Map.of(), 1).get(0);
    // a sentence an older version wrote, worded otherwise than the catalogue's text today
    outbox.settle(
        claim,
        "A",
        OutboxState.NOT_APPLICABLE,
        new Reason(SendReason.INS_NOT_QUALIFIED, "INS à qualifier."));

    assertThat(
            outbox.reopenIf(
                id,
                OutboxTarget.DMP,
                SendReason.INS_NOT_QUALIFIED,
                Reason.of(SendReason.INS_QUALIFIED_RELEASED)))
        .isTrue();
  }

  @Test
  void every_code_has_a_french_text() {
    for (SendReason r : SendReason.values()) {
      assertThat(r.text()).as(r.name()).isNotBlank().endsWith(".");
    }
  }

  /** Plain SQL of the schema up to version 15: the rows a module of that version had. */
  private static void pharmacyAndAccount(Statement s) throws Exception {
    s.execute(
        "INSERT INTO pharmacy (finess, name, city) VALUES ('690100011', 'Pharmacie du Marché', 'Lyon')");
    s.execute(
        "INSERT INTO account (login, password_hash, last_name, first_name, role, pharmacy_finess)"
            + " VALUES ('titulaire', 'x', 'MARTIN', 'Claire', 'TITULAIRE', '690100011')");
  }

  private static void storedSend(
      Connection c, DispensationId id, String target, String state, String reason)
      throws Exception {
    OffsetDateTime now = OffsetDateTime.now();
    try (PreparedStatement d =
        c.prepareStatement(
            "INSERT INTO dispensation (id, prescription_number, pharmacy_finess, pharmacy_name, login,"
                + " pharmacist_name, status, created_at, updated_at, attempts)"
                + " VALUES (?, '01S2TBPZ2JCNZZYGHZ', '690100011', 'Pharmacie du Marché', 'titulaire',"
                + " 'Claire MARTIN', 'RECORDED', ?, ?, 1)")) {
      d.setString(1, id.toString());
      d.setObject(2, now);
      d.setObject(3, now);
      d.executeUpdate();
    }
    try (PreparedStatement o =
        c.prepareStatement(
            "INSERT INTO outbox (id, target, dispensation_id, pharmacy_finess, state, reason, attempts,"
                + " next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, '690100011', ?, ?, 1, ?, ?, ?)")) {
      o.setString(1, UUID.randomUUID().toString());
      o.setString(2, target);
      o.setString(3, id.toString());
      o.setString(4, state);
      o.setString(5, reason);
      o.setObject(6, now);
      o.setObject(7, now);
      o.setObject(8, now);
      o.executeUpdate();
    }
  }
}
