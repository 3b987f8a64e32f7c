package fr.officine.segur.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.session.SessionView;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.problem.ProblemException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sessions on H2 with the production migrations and the sandbox accounts. */
class SessionsTest {
  static Database db;
  static Accounts accounts;
  static PasswordHasher hasher;

  @BeforeAll
  static void database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    db = new Database(h2);
    accounts = new Accounts(db);
    hasher = new PasswordHasher();
    new SandboxSeed(accounts, hasher, "sandbox").seed();
  }

  Sessions sessions(String ttl) {
    return new Sessions(db, accounts, hasher, java.time.Duration.parse(ttl));
  }

  @Test
  void a_session_carries_the_professional_and_the_pharmacy_and_expires_after_the_ttl() {
    OffsetDateTime before = OffsetDateTime.now();
    SessionView view = sessions("PT10H").open("confrere", "confrere");

    assertThat(view.professional().rpps()).isEqualTo("10100000032");
    assertThat(view.professional().role()).isEqualTo("TITULAIRE");
    assertThat(view.pharmacy().finess()).isEqualTo("690100029");
    assertThat(Duration.between(before, view.expiresAt()))
        .isBetween(Duration.ofHours(10), Duration.ofHours(10).plusMinutes(1));
    assertThat(Base64.getUrlDecoder().decode(view.token())).hasSize(32);
    assertThat(sessions("PT10H").authenticate(view.token()).map(Account::login))
        .contains("confrere");
  }

  @Test
  void only_the_sha256_of_the_token_is_stored() throws Exception {
    SessionView view = sessions("PT10H").open("adjoint", "adjoint");

    List<String> stored =
        db.withHandle(
            h -> h.createQuery("SELECT token_hash FROM app_session").mapTo(String.class).list());
    assertThat(stored).contains(Sessions.hash(view.token())).doesNotContain(view.token());
  }

  @Test
  void an_expired_or_closed_session_no_longer_authenticates() {
    SessionView expired = sessions("PT0S").open("titulaire", "titulaire");
    assertThat(sessions("PT0S").authenticate(expired.token())).isEmpty();

    Sessions tenHours = sessions("PT10H");
    SessionView open = tenHours.open("titulaire", "titulaire");
    tenHours.close(Sessions.hash(open.token()));
    assertThat(tenHours.authenticate(open.token())).isEmpty();
  }

  @Test
  void a_wrong_password_and_an_unknown_login_get_the_same_problem() {
    for (String[] attempt :
        new String[][] {{"titulaire", "TITULAIRE"}, {"nobody", "nobody"}, {"", ""}}) {
      assertThatThrownBy(() -> sessions("PT10H").open(attempt[0], attempt[1]))
          .isInstanceOfSatisfying(
              ProblemException.class,
              p -> assertThat(p.type()).isEqualTo(ProblemType.BAD_CREDENTIALS));
    }
  }

  @Test
  void seeding_again_adds_nothing() {
    assertThat(new SandboxSeed(accounts, hasher, "sandbox").seed()).isZero();
  }
}
