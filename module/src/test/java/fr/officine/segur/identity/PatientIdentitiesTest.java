package fr.officine.segur.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.identity.IdentityDocumentRequest;
import fr.officine.segur.api.identity.IdentityStatus;
import fr.officine.segur.api.identity.InsView;
import fr.officine.segur.api.identity.PatientIdentityView;
import fr.officine.segur.api.identity.QualificationRequest;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Pharmacy;
import fr.officine.segur.trust.Role;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The identitovigilance rule on H2 with the production migrations. */
class PatientIdentitiesTest {
  static final String MARCHE = "690100011";
  static final String ARCADES = "690100029";
  static final Account TITULAIRE =
      new Account(
          "titulaire",
          "x",
          Optional.of("10100000016"),
          "MARTIN",
          "Claire",
          Role.TITULAIRE,
          new Pharmacy("690100011", "Pharmacie du Marché", "Lyon"));
  static final Account CONFRERE =
      new Account(
          "confrere",
          "x",
          Optional.of("10100000032"),
          "BERNARD",
          "Louis",
          Role.TITULAIRE,
          new Pharmacy(ARCADES, "Pharmacie des Arcades", "Lyon"));
  static final RetrievedIdentity ADRUN =
      new RetrievedIdentity(
          Ins.fromInsi("2751263220749", "74", "1.2.250.1.213.1.4.8"),
          List.of(),
          "ADRUN",
          List.of("ZOE"),
          "F",
          LocalDate.of(1975, 12, 31),
          Optional.of("63220"));

  PatientIdentities identities;

  @BeforeEach
  void database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:identity-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    identities = new PatientIdentities(new Database(h2));
  }

  static QualificationRequest qualification(RetrievedIdentity id, String document, Boolean match) {
    return new QualificationRequest(
        new InsView(id.ins().matricule(), id.ins().key(), id.ins().oid()),
        new IdentityDocumentRequest(document, match));
  }

  @Test
  void an_ins_is_qualified_only_after_insi_00_and_a_checked_identity_card() {
    assertThat(identities.view("275126322074974", MARCHE).status())
        .isEqualTo(IdentityStatus.PROVISOIRE);
    assertThat(identities.recordRetrieved(ADRUN, TITULAIRE)).isEqualTo(IdentityStatus.RECUPEREE);
    assertThat(identities.qualified(ADRUN.ins(), MARCHE)).isEmpty();
    assertThat(identities.forDmp(Optional.of(ADRUN.ins()), MARCHE))
        .isInstanceOfSatisfying(
            DmpFeedIdentity.NoFeed.class,
            n -> assertThat(n.reason()).isEqualTo(DmpFeedIdentity.Reason.NOT_QUALIFIED));

    PatientIdentityView view = identities.qualify(qualification(ADRUN, "CNI", true), TITULAIRE);

    assertThat(view.status()).isEqualTo(IdentityStatus.QUALIFIEE);
    assertThat(view.qualifiedBy()).isEqualTo("Claire MARTIN");
    assertThat(view.identityDocument()).isEqualTo("CNI");
    QualifiedIdentity q = identities.qualified(ADRUN.ins(), MARCHE).orElseThrow();
    assertThat(q.qualifiedBy()).isEqualTo("titulaire");
    assertThat(q.firstName()).isEqualTo("ZOE");
    assertThat(q.birthPlace()).hasValue("63220");
    assertThat(identities.view("2 75 12 63 220 749 74", MARCHE).status())
        .isEqualTo(IdentityStatus.QUALIFIEE);
    assertThat(identities.forDmp(Optional.of(ADRUN.ins()), MARCHE))
        .isInstanceOf(DmpFeedIdentity.Feed.class);
  }

  @Test
  void without_an_insi_answer_there_is_nothing_to_qualify() {
    assertThatThrownBy(() -> identities.qualify(qualification(ADRUN, "PASSEPORT", true), TITULAIRE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.IDENTITY_NOT_RETRIEVED));
  }

  @Test
  void a_carte_vitale_or_mismatching_traits_do_not_qualify() {
    identities.recordRetrieved(ADRUN, TITULAIRE);
    for (QualificationRequest bad :
        List.of(
            qualification(ADRUN, "CARTE_VITALE", true),
            qualification(ADRUN, "CNI", false),
            qualification(ADRUN, "CNI", null),
            qualification(ADRUN, "PERMIS_CONDUIRE", true),
            qualification(ADRUN, "BADGE", true))) {
      assertThatThrownBy(() -> identities.qualify(bad, TITULAIRE))
          .as(bad.toString())
          .isInstanceOfSatisfying(
              ProblemException.class,
              p -> assertThat(p.type()).isEqualTo(ProblemType.IDENTITY_DOCUMENT_REFUSED));
    }
    assertThat(identities.view("275126322074974", MARCHE).status())
        .isEqualTo(IdentityStatus.RECUPEREE);
  }

  @Test
  void insi_confirming_the_same_identity_keeps_it_qualified_changed_traits_require_a_new_check() {
    identities.recordRetrieved(ADRUN, TITULAIRE);
    identities.qualify(qualification(ADRUN, "TITRE_SEJOUR", true), TITULAIRE);

    assertThat(identities.recordRetrieved(ADRUN, TITULAIRE)).isEqualTo(IdentityStatus.QUALIFIEE);
    RetrievedIdentity renamed =
        new RetrievedIdentity(
            ADRUN.ins(),
            List.of(),
            "ADRUN",
            List.of("ZOE", "MARIE"),
            "F",
            ADRUN.birthDate(),
            ADRUN.birthPlace());
    assertThat(identities.recordRetrieved(renamed, TITULAIRE)).isEqualTo(IdentityStatus.RECUPEREE);
    assertThat(identities.qualified(ADRUN.ins(), MARCHE)).isEmpty();
    assertThat(identities.view("275126322074974", MARCHE).traits().firstNames())
        .containsExactly("ZOE", "MARIE");
  }

  @Test
  void a_patient_without_ins_is_explicitly_not_fed_to_the_dmp() {
    assertThat(identities.forDmp(Optional.empty(), MARCHE))
        .isInstanceOfSatisfying(
            DmpFeedIdentity.NoFeed.class,
            n -> {
              assertThat(n.reason()).isEqualTo(DmpFeedIdentity.Reason.NO_INS);
              assertThat(n.message()).startsWith("Pas d'INS : pas d'alimentation du DMP");
            });
  }

  @Test
  void an_ins_with_the_published_inconsistent_key_is_shown_and_qualified_like_any_other() {
    RetrievedIdentity hermann =
        new RetrievedIdentity(
            Ins.fromInsi("1810363220456", "60", "1.2.250.1.213.1.4.8"),
            List.of(),
            "HERMANN",
            List.of("GATIEN"),
            "M",
            LocalDate.of(1981, 3, 24),
            Optional.of("63220"));
    identities.recordRetrieved(hermann, TITULAIRE);
    identities.qualify(qualification(hermann, "PASSEPORT", true), TITULAIRE);
    assertThat(identities.view("181036322045660", MARCHE).status())
        .isEqualTo(IdentityStatus.QUALIFIEE);
    assertThatThrownBy(() -> identities.view("18103632204566", MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.INVALID_IDENTIFIER));
  }

  @Test
  void
      a_qualification_is_the_record_of_the_pharmacy_that_made_it_and_another_qualifies_for_itself() {
    // issue 11 §1: identitovigilance is each structure's (RNIV); nothing of A's record reaches B
    identities.recordRetrieved(ADRUN, TITULAIRE);
    identities.qualify(qualification(ADRUN, "PASSEPORT", true), TITULAIRE);

    PatientIdentityView seenByB = identities.view("275126322074974", ARCADES);
    assertThat(seenByB.status()).isEqualTo(IdentityStatus.PROVISOIRE);
    assertThat(seenByB.traits()).isNull();
    assertThat(seenByB.qualifiedBy()).isNull();
    assertThat(identities.qualified(ADRUN.ins(), ARCADES)).isEmpty();
    assertThat(identities.forDmp(Optional.of(ADRUN.ins()), ARCADES))
        .isInstanceOfSatisfying(
            DmpFeedIdentity.NoFeed.class,
            n -> assertThat(n.reason()).isEqualTo(DmpFeedIdentity.Reason.NOT_QUALIFIED));
    // B cannot qualify on A's INSi call: its own is required
    assertThatThrownBy(
            () -> identities.qualify(qualification(ADRUN, "TITRE_SEJOUR", true), CONFRERE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.IDENTITY_NOT_RETRIEVED));

    assertThat(identities.recordRetrieved(ADRUN, CONFRERE)).isEqualTo(IdentityStatus.RECUPEREE);
    identities.qualify(qualification(ADRUN, "TITRE_SEJOUR", true), CONFRERE);
    assertThat(identities.view("275126322074974", ARCADES).qualifiedBy())
        .isEqualTo("Louis BERNARD");
    // A's record is untouched: its qualifier, its document
    PatientIdentityView a = identities.view("275126322074974", MARCHE);
    assertThat(a.qualifiedBy()).isEqualTo("Claire MARTIN");
    assertThat(a.identityDocument()).isEqualTo("PASSEPORT");
    // and B's INSi answering other traits sends back B's record only
    RetrievedIdentity renamed =
        new RetrievedIdentity(
            ADRUN.ins(),
            List.of(),
            "ADRUN",
            List.of("ZOE", "MARIE"),
            "F",
            ADRUN.birthDate(),
            ADRUN.birthPlace());
    assertThat(identities.recordRetrieved(renamed, CONFRERE)).isEqualTo(IdentityStatus.RECUPEREE);
    assertThat(identities.qualified(ADRUN.ins(), MARCHE)).isPresent();
    assertThat(identities.qualified(ADRUN.ins(), ARCADES)).isEmpty();
  }

  @Test
  void the_v8_migration_gives_each_existing_row_to_the_pharmacy_that_made_it() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:identity-v8-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    org.flywaydb.core.api.configuration.FluentConfiguration flyway =
        org.flywaydb.core.Flyway.configure(getClass().getClassLoader())
            .dataSource(h2)
            .locations("classpath:db/migration")
            .javaMigrations(new fr.officine.segur.data.V6_1__Audit_append_only());
    flyway.target("7").load().migrate();
    try (java.sql.Connection c = h2.getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO pharmacy (finess, name, city) VALUES ('690100011', 'Pharmacie du Marché', 'Lyon'), ('690100029', 'Pharmacie des Arcades', 'Lyon')");
      s.execute(
          "INSERT INTO account (login, password_hash, rpps, last_name, first_name, role, pharmacy_finess) VALUES ('titulaire', 'x', '10100000016', 'MARTIN', 'Claire', 'TITULAIRE', '690100011'),"
              + " ('confrere', 'x', '10100000032', 'BERNARD', 'Louis', 'TITULAIRE', '690100029')");
      String columns =
          "(matricule, ins_key, oid, status, birth_name, first_names, sex, birth_date, birth_place,"
              + " retrieved_at, retrieved_by, qualified_at, qualified_by, qualified_by_name, qualified_by_rpps,"
              + " pharmacy_finess, document_type)";
      // qualified by A, then looked up through INSi by B (the V3 row said "retrieved by confrere")
      s.execute(
          "INSERT INTO patient_identity "
              + columns
              + " VALUES ('2751263220749', '74', '1.2.250.1.213.1.4.8',"
              + " 'QUALIFIEE', 'ADRUN', 'ZOE', 'F', DATE '1975-12-31', '63220', TIMESTAMP WITH TIME ZONE '2026-11-02 10:00:00+00',"
              + " 'confrere', TIMESTAMP WITH TIME ZONE '2026-11-01 09:00:00+00', 'titulaire', 'Claire MARTIN', '10100000016',"
              + " '690100011', 'PASSEPORT')");
      // retrieved by B only
      s.execute(
          "INSERT INTO patient_identity "
              + columns
              + " VALUES ('2360663220836', '56', '1.2.250.1.213.1.4.8',"
              + " 'RECUPEREE', 'TCHITCHI', 'CATARINA BELLA', 'F', DATE '1936-06-21', '63220', TIMESTAMP WITH TIME ZONE '2026-11-03 10:00:00+00',"
              + " 'confrere', NULL, NULL, NULL, NULL, NULL, NULL)");
    }
    flyway.target("latest").load().migrate();
    PatientIdentities migrated = new PatientIdentities(new Database(h2));

    PatientIdentityView adrunA = migrated.view("275126322074974", MARCHE);
    assertThat(adrunA.status()).isEqualTo(IdentityStatus.QUALIFIEE);
    assertThat(adrunA.qualifiedBy()).isEqualTo("Claire MARTIN");
    assertThat(migrated.qualified(ADRUN.ins(), MARCHE)).isPresent();
    // B's INSi call is B's: retrieved, not qualified
    assertThat(migrated.view("275126322074974", ARCADES).status())
        .isEqualTo(IdentityStatus.RECUPEREE);
    assertThat(migrated.qualified(ADRUN.ins(), ARCADES)).isEmpty();
    assertThat(migrated.view("236066322083656", ARCADES).status())
        .isEqualTo(IdentityStatus.RECUPEREE);
    assertThat(migrated.view("236066322083656", MARCHE).status())
        .isEqualTo(IdentityStatus.PROVISOIRE);
  }
}
