package fr.officine.segur.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.problem.RetryLaterException;
import fr.officine.segur.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Login throttling (issue 11 §6) on H2 with the production migrations and a clock the test moves:
 * delays and locks are checked by their outcome at chosen instants, never by waiting.
 */
class LoginThrottleTest {
  final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T09:00:00Z"));

  /** The values of microprofile-config.properties (segur.login.*). */
  static final LoginThrottlePolicy PRODUCTION_DEFAULTS =
      new LoginThrottlePolicy(
          new LoginThrottlePolicy.Thresholds(5, 10),
          new LoginThrottlePolicy.Thresholds(30, 100),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          Duration.ofMinutes(15),
          Duration.ofMinutes(15));

  LoginThrottle throttle;

  @BeforeEach
  void database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:throttle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    throttle = new LoginThrottle(new Database(h2), PRODUCTION_DEFAULTS, clock);
  }

  RetryLaterException refused(String login, String address) {
    return catchThrowableOfType(
        () -> throttle.checkAllowed(login, address), RetryLaterException.class);
  }

  @Test
  void past_five_failures_each_try_waits_twice_as_long_as_the_one_before() {
    for (int i = 0; i < 5; i++) {
      throttle.checkAllowed("titulaire", "10.0.0." + i); // a different counter each time
      throttle.failed("titulaire", "10.0.0." + i);
    }
    // 5 failures: 1 s before the next try
    RetryLaterException first = refused("titulaire", "10.0.0.9");
    assertThat(first.type()).isEqualTo(ProblemType.LOGIN_DELAYED);
    assertThat(first.retryAfterSeconds()).isEqualTo(1);
    assertThat(first.detail()).contains("5 essais manqués pour ce compte");

    clock.advance(Duration.ofSeconds(1));
    throttle.checkAllowed("titulaire", "10.0.0.9");
    throttle.failed("titulaire", "10.0.0.9");
    assertThat(refused("titulaire", "10.0.0.9").retryAfterSeconds()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(2));
    throttle.failed("titulaire", "10.0.0.9");
    assertThat(refused("titulaire", "10.0.0.9").retryAfterSeconds()).isEqualTo(4);
    // another account from the same counter is not slowed down by this one
    assertThatCode(() -> throttle.checkAllowed("adjoint", "10.0.0.9")).doesNotThrowAnyException();
  }

  @Test
  void ten_failures_lock_the_account_for_fifteen_minutes_then_it_opens_again() {
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(31)); // past the longest delay: only the lock stops them
      throttle.checkAllowed("Adjoint ", "10.0.0.1");
      throttle.failed("Adjoint ", "10.0.0.1");
    }
    RetryLaterException locked = refused("adjoint", "10.0.0.2");
    assertThat(locked.type()).isEqualTo(ProblemType.LOGIN_LOCKED);
    assertThat(locked.type().status()).isEqualTo(423);
    assertThat(locked.retryAfterSeconds()).isEqualTo(Duration.ofMinutes(15).toSeconds());
    assertThat(locked.detail()).startsWith("Compte verrouillé après 10 essais manqués, jusqu'à ");

    clock.advance(Duration.ofMinutes(14));
    assertThat(refused("adjoint", "10.0.0.2").type()).isEqualTo(ProblemType.LOGIN_LOCKED);
    clock.advance(Duration.ofMinutes(1));
    assertThatCode(() -> throttle.checkAllowed("adjoint", "10.0.0.2")).doesNotThrowAnyException();
    // the count starts again from zero after a lock
    throttle.failed("adjoint", "10.0.0.2");
    assertThatCode(() -> throttle.checkAllowed("adjoint", "10.0.0.2")).doesNotThrowAnyException();
  }

  @Test
  void one_address_trying_many_accounts_is_locked_for_every_account() {
    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofSeconds(31)); // past the longest delay: only the lock stops them
      throttle.checkAllowed("guess" + i, "192.0.2.7");
      throttle.failed("guess" + i, "192.0.2.7");
    }
    RetryLaterException locked = refused("titulaire", "192.0.2.7");
    assertThat(locked.type()).isEqualTo(ProblemType.LOGIN_LOCKED);
    assertThat(locked.detail()).startsWith("Connexions depuis ce poste verrouillées");
    assertThatCode(() -> throttle.checkAllowed("titulaire", "192.0.2.8"))
        .doesNotThrowAnyException();
  }

  @Test
  void the_right_password_clears_the_account_count_and_old_failures_are_forgotten() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("preparateur", "10.0.0.1");
    }
    throttle.succeeded("preparateur");
    assertThatCode(() -> throttle.checkAllowed("preparateur", "10.0.0.1"))
        .doesNotThrowAnyException();

    for (int i = 0; i < 5; i++) {
      throttle.failed("confrere", "10.0.0.3");
    }
    assertThat(refused("confrere", "10.0.0.4")).isNotNull();
    clock.advance(Duration.ofMinutes(16));
    assertThatCode(() -> throttle.checkAllowed("confrere", "10.0.0.4")).doesNotThrowAnyException();
  }
}
