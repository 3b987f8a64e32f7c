package fr.officine.segur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Finess;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.id.Rpps;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module's Jdbi configuration on H2 with the production migrations. */
class JdbisTest {
  static final Finess MARCHE = Finess.of("690100011");
  static final Rpps MARTIN = Rpps.of("10100000016");
  static Database db;

  @BeforeAll
  static void database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:jdbis-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    db = new Database(h2);
    db.useTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO pharmacy (finess, name, city) VALUES (:finess, 'Pharmacie du Marché', 'Lyon')")
              .bind("finess", MARCHE)
              .execute();
          h.createUpdate(
                  "INSERT INTO account (login, password_hash, rpps, last_name, first_name, role, pharmacy_finess)"
                      + " VALUES ('titulaire', 'x', :rpps, 'MARTIN', 'Claire', 'TITULAIRE', :finess)")
              .bind("rpps", MARTIN)
              .bind("finess", MARCHE)
              .execute();
        });
  }

  /** The dispensation row as typed values: what a store maps a row to. */
  record Row(
      DispensationId id,
      PrescriptionNumber prescriptionNumber,
      Finess pharmacyFiness,
      Optional<Rpps> rpps,
      OffsetDateTime createdAt,
      Optional<OffsetDateTime> lastAttemptAt) {}

  @Test
  void typed_ids_are_bound_as_their_text_and_read_back_checked() {
    DispensationId id = DispensationId.newId();
    OffsetDateTime at = OffsetDateTime.of(2026, 12, 2, 8, 30, 0, 0, ZoneOffset.UTC);
    insertDispensation(id, Optional.of(MARTIN), at);

    Row row =
        db.withHandle(
            h ->
                h.createQuery(
                        "SELECT id, prescription_number, pharmacy_finess, rpps, created_at, last_attempt_at"
                            + " FROM dispensation WHERE id = :id")
                    .bind("id", id)
                    .map(ConstructorMapper.of(Row.class))
                    .one());

    assertThat(row)
        .isEqualTo(
            new Row(
                id,
                PrescriptionNumber.of("SBX01SIMPLE0000000"),
                MARCHE,
                Optional.of(MARTIN),
                at,
                Optional.empty()));
    String stored =
        db.withHandle(
            h ->
                h.createQuery(
                        "SELECT pharmacy_finess || '/' || rpps FROM dispensation WHERE id = :id")
                    .bind("id", id.toString())
                    .mapTo(String.class)
                    .one());
    assertThat(stored).isEqualTo("690100011/10100000016");
  }

  @Test
  void an_absent_typed_id_is_bound_and_read_as_null() {
    DispensationId id = DispensationId.newId();
    insertDispensation(id, Optional.empty(), OffsetDateTime.now(ZoneOffset.UTC));

    Optional<Rpps> rpps =
        db.withHandle(
            h ->
                h.createQuery("SELECT rpps FROM dispensation WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Rpps.class)
                    .findOne());
    assertThat(rpps).isEmpty();
  }

  @Test
  void the_offset_written_is_the_offset_read_and_dates_stay_dates() {
    OffsetDateTime paris = OffsetDateTime.of(2026, 12, 2, 9, 30, 0, 0, ZoneOffset.ofHours(1));
    LocalDate since = LocalDate.of(2026, 11, 30);
    db.useTransaction(
        h ->
            h.createUpdate(
                    "INSERT INTO dp_recalled_lot (cip13, lot, since, message, learnt_at)"
                        + " VALUES (:cip13, 'LOT-OFFSET', :since, NULL, :at)")
                .bind("cip13", Cip13.of("3400935955838"))
                .bind("since", since)
                .bind("at", paris)
                .execute());

    record Recall(Cip13 cip13, LocalDate since, OffsetDateTime learntAt) {}
    Recall read =
        db.withHandle(
            h ->
                h.createQuery(
                        "SELECT cip13, since, learnt_at FROM dp_recalled_lot WHERE lot = 'LOT-OFFSET'")
                    .map(ConstructorMapper.of(Recall.class))
                    .one());
    // equals on OffsetDateTime compares the offset too: +01:00 stays +01:00, not the JVM's zone
    assertThat(read).isEqualTo(new Recall(Cip13.of("3400935955838"), since, paris));
  }

  @Test
  void a_malformed_stored_id_fails_on_reading_instead_of_travelling_as_text() {
    assertThatThrownBy(
            () -> db.withHandle(h -> h.createQuery("SELECT '690100012'").mapTo(Finess.class).one()))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void a_unique_violation_is_a_duplicate_key_and_rolls_the_transaction_back() {
    DispensationId id = DispensationId.newId();
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    h -> {
                      insertDispensation(
                          h, id, Optional.empty(), OffsetDateTime.now(ZoneOffset.UTC));
                      insertDispensation(
                          h, id, Optional.empty(), OffsetDateTime.now(ZoneOffset.UTC));
                    }))
        .isInstanceOf(DuplicateKeyException.class);
    int rows =
        db.withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM dispensation WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .one());
    assertThat(rows).isZero();
  }

  @Test
  void any_other_sql_failure_is_a_data_access_exception_with_its_sql_state() {
    assertThatThrownBy(
            () ->
                db.withHandle(
                    h -> h.createQuery("SELECT nope FROM nowhere").mapTo(String.class).one()))
        .isInstanceOf(DataAccessException.class)
        .isNotInstanceOf(DuplicateKeyException.class)
        .hasCauseInstanceOf(java.sql.SQLException.class);
  }

  private static void insertDispensation(
      DispensationId id, Optional<Rpps> rpps, OffsetDateTime at) {
    db.useTransaction(h -> insertDispensation(h, id, rpps, at));
  }

  private static void insertDispensation(
      org.jdbi.v3.core.Handle h, DispensationId id, Optional<Rpps> rpps, OffsetDateTime at) {
    h.createUpdate(
            "INSERT INTO dispensation (id, prescription_number, pharmacy_finess, pharmacy_name, login, rpps,"
                + " pharmacist_name, status, created_at, updated_at, attempts, auth_mode)"
                + " VALUES (:id, :number, :finess, 'Pharmacie du Marché', 'titulaire', :rpps, 'Claire MARTIN',"
                + " 'SUBMITTING', :at, :at, 0, 'INDIRECTE')")
        .bind("id", id)
        .bind("number", PrescriptionNumber.of("SBX01SIMPLE0000000"))
        .bind("finess", MARCHE)
        .bindByType("rpps", rpps, new org.jdbi.v3.core.generic.GenericType<Optional<Rpps>>() {})
        .bind("at", at)
        .execute();
  }
}
