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
  static final Account TITULAIRE =
      new Account("titulaire", "x", Optional.of("10100000016"), "MARTIN", "Claire", Role.TITULAIRE,
          new Pharmacy("690100011", "Pharmacie du Marché", "Lyon"));
  static final RetrievedIdentity ADRUN =
      new RetrievedIdentity(Ins.fromInsi("2751263220749", "74", "1.2.250.1.213.1.4.8"), List.of(), "ADRUN",
          List.of("ZOE"), "F", LocalDate.of(1975, 12, 31), Optional.of("63220"));

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
        new InsView(id.ins().matricule(), id.ins().key(), id.ins().oid()), new IdentityDocumentRequest(document, match));
  }

  @Test
  void an_ins_is_qualified_only_after_insi_00_and_a_checked_identity_card() {
    assertThat(identities.view("275126322074974").status()).isEqualTo(IdentityStatus.PROVISOIRE);
    assertThat(identities.recordRetrieved(ADRUN, TITULAIRE)).isEqualTo(IdentityStatus.RECUPEREE);
    assertThat(identities.qualified(ADRUN.ins())).isEmpty();
    assertThat(identities.forDmp(Optional.of(ADRUN.ins())))
        .isInstanceOfSatisfying(DmpFeedIdentity.NoFeed.class, n -> assertThat(n.reason()).isEqualTo(DmpFeedIdentity.Reason.NOT_QUALIFIED));

    PatientIdentityView view = identities.qualify(qualification(ADRUN, "CNI", true), TITULAIRE);

    assertThat(view.status()).isEqualTo(IdentityStatus.QUALIFIEE);
    assertThat(view.qualifiedBy()).isEqualTo("Claire MARTIN");
    assertThat(view.identityDocument()).isEqualTo("CNI");
    QualifiedIdentity q = identities.qualified(ADRUN.ins()).orElseThrow();
    assertThat(q.qualifiedBy()).isEqualTo("titulaire");
    assertThat(q.firstName()).isEqualTo("ZOE");
    assertThat(q.birthPlace()).hasValue("63220");
    assertThat(identities.view("2 75 12 63 220 749 74").status()).isEqualTo(IdentityStatus.QUALIFIEE);
    assertThat(identities.forDmp(Optional.of(ADRUN.ins()))).isInstanceOf(DmpFeedIdentity.Feed.class);
  }

  @Test
  void without_an_insi_answer_there_is_nothing_to_qualify() {
    assertThatThrownBy(() -> identities.qualify(qualification(ADRUN, "PASSEPORT", true), TITULAIRE))
        .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.IDENTITY_NOT_RETRIEVED));
  }

  @Test
  void a_carte_vitale_or_mismatching_traits_do_not_qualify() {
    identities.recordRetrieved(ADRUN, TITULAIRE);
    for (QualificationRequest bad :
        List.of(qualification(ADRUN, "CARTE_VITALE", true), qualification(ADRUN, "CNI", false),
            qualification(ADRUN, "CNI", null), qualification(ADRUN, "PERMIS_CONDUIRE", true), qualification(ADRUN, "BADGE", true))) {
      assertThatThrownBy(() -> identities.qualify(bad, TITULAIRE))
          .as(bad.toString())
          .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.IDENTITY_DOCUMENT_REFUSED));
    }
    assertThat(identities.view("275126322074974").status()).isEqualTo(IdentityStatus.RECUPEREE);
  }

  @Test
  void insi_confirming_the_same_identity_keeps_it_qualified_changed_traits_require_a_new_check() {
    identities.recordRetrieved(ADRUN, TITULAIRE);
    identities.qualify(qualification(ADRUN, "TITRE_SEJOUR", true), TITULAIRE);

    assertThat(identities.recordRetrieved(ADRUN, TITULAIRE)).isEqualTo(IdentityStatus.QUALIFIEE);
    RetrievedIdentity renamed =
        new RetrievedIdentity(ADRUN.ins(), List.of(), "ADRUN", List.of("ZOE", "MARIE"), "F", ADRUN.birthDate(), ADRUN.birthPlace());
    assertThat(identities.recordRetrieved(renamed, TITULAIRE)).isEqualTo(IdentityStatus.RECUPEREE);
    assertThat(identities.qualified(ADRUN.ins())).isEmpty();
    assertThat(identities.view("275126322074974").traits().firstNames()).containsExactly("ZOE", "MARIE");
  }

  @Test
  void a_patient_without_ins_is_explicitly_not_fed_to_the_dmp() {
    assertThat(identities.forDmp(Optional.empty()))
        .isInstanceOfSatisfying(DmpFeedIdentity.NoFeed.class, n -> {
          assertThat(n.reason()).isEqualTo(DmpFeedIdentity.Reason.NO_INS);
          assertThat(n.message()).startsWith("Pas d'INS : pas d'alimentation du DMP");
        });
  }

  @Test
  void an_ins_with_the_published_inconsistent_key_is_shown_and_qualified_like_any_other() {
    RetrievedIdentity hermann =
        new RetrievedIdentity(Ins.fromInsi("1810363220456", "60", "1.2.250.1.213.1.4.8"), List.of(), "HERMANN",
            List.of("GATIEN"), "M", LocalDate.of(1981, 3, 24), Optional.of("63220"));
    identities.recordRetrieved(hermann, TITULAIRE);
    identities.qualify(qualification(hermann, "PASSEPORT", true), TITULAIRE);
    assertThat(identities.view("181036322045660").status()).isEqualTo(IdentityStatus.QUALIFIEE);
    assertThatThrownBy(() -> identities.view("18103632204566"))
        .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.INVALID_IDENTIFIER));
  }
}
