package fr.officine.segur.trust;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.problem.RetryLaterException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Slows down, then locks, password logins that keep failing (issue 11 §6: 100 wrong passwords in 37
 * s, then the right one worked). Counted per account and per client address in the database ({@code
 * login_throttle}), so that every node of a cluster sees the same counts. While a subject is
 * delayed or locked the password is not even checked: the right one is refused too, which is what
 * makes guessing slow. A successful login clears its account's count (not the address's). Each
 * failure and each refusal is audited by the audit filter (action LOGIN).
 */
@ApplicationScoped
public class LoginThrottle {
  /** What is counted; the stored {@code subject_kind}. */
  public enum Subject {
    ACCOUNT,
    ADDRESS
  }

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("HH'h'mm", Locale.FRANCE);

  private Database db;
  private LoginThrottlePolicy policy;
  private Clock clock;
  private ZoneId zone;

  /** For CDI's client proxy only. */
  protected LoginThrottle() {}

  @Inject
  public LoginThrottle(Database db, Config config) {
    this(db, LoginThrottlePolicy.from(config), Clock.systemUTC());
  }

  /** With a clock of the test's choosing: the "temporary" of a lock is tested without waiting. */
  public LoginThrottle(Database db, LoginThrottlePolicy policy, Clock clock) {
    this.db = db;
    this.policy = policy;
    this.clock = clock;
    this.zone = ZoneId.systemDefault();
  }

  public LoginThrottlePolicy policy() {
    return policy;
  }

  /**
   * Refuses a try that comes while its account or its address is locked (LOGIN_LOCKED, 423) or
   * before its delay is over (LOGIN_DELAYED, 429), both with Retry-After.
   */
  public void checkAllowed(String login, String address) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (Subject kind : Subject.values()) {
      Optional<String> subject = subject(kind, login, address);
      if (subject.isEmpty()) {
        continue;
      }
      Optional<Row> row = db.withHandle(h -> find(h, kind, subject.get()));
      if (row.isEmpty() || row.get().forgotten(now, policy.window())) {
        continue;
      }
      Row r = row.get();
      if (r.lockedUntil() != null) {
        throw new RetryLaterException(
            ProblemType.LOGIN_LOCKED,
            (kind == Subject.ACCOUNT
                    ? "Compte verrouillé"
                    : "Connexions depuis ce poste verrouillées")
                + " après "
                + r.failures()
                + " essais manqués, jusqu'à "
                + HOUR.format(r.lockedUntil().atZoneSameInstant(zone))
                + ". Le titulaire voit les essais manqués.",
            Duration.between(now, r.lockedUntil()));
      }
      OffsetDateTime allowedAt = r.lastFailureAt().plus(policy.delayAfter(kind, r.failures()));
      if (now.isBefore(allowedAt)) {
        Duration wait = Duration.between(now, allowedAt);
        throw new RetryLaterException(
            ProblemType.LOGIN_DELAYED,
            r.failures()
                + " essais manqués"
                + (kind == Subject.ACCOUNT ? " pour ce compte" : " depuis ce poste")
                + " : prochain essai possible dans "
                + Math.max(1, (wait.toMillis() + 999) / 1000)
                + " s.",
            wait);
      }
    }
  }

  /** A wrong password (or unknown login): one more failure for the account and for the address. */
  public void failed(String login, String address) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    db.useTransaction(
        h -> {
          for (Subject kind : Subject.values()) {
            Optional<String> subject = subject(kind, login, address);
            if (subject.isPresent()) {
              count(h, kind, subject.get(), now);
            }
          }
        });
  }

  /** The right password: the account starts afresh (its failures stay in the audit log). */
  public void succeeded(String login) {
    subject(Subject.ACCOUNT, login, null)
        .ifPresent(
            subject ->
                db.useTransaction(
                    h ->
                        h.createUpdate(
                                "DELETE FROM login_throttle WHERE subject_kind = :kind AND subject = :subject")
                            .bind("kind", Subject.ACCOUNT)
                            .bind("subject", subject)
                            .execute()));
  }

  private void count(Handle h, Subject kind, String subject, OffsetDateTime now) {
    Optional<Row> row = find(h, kind, subject);
    int failures =
        row.filter(r -> !r.forgotten(now, policy.window())).map(Row::failures).orElse(0) + 1;
    OffsetDateTime lockedUntil =
        failures >= policy.of(kind).lockAfter() ? now.plus(policy.lockDuration()) : null;
    h.createUpdate(
            row.isPresent()
                ? "UPDATE login_throttle SET failures = :failures, last_failure_at = :now,"
                    + " locked_until = :lockedUntil WHERE subject_kind = :kind AND subject = :subject"
                : "INSERT INTO login_throttle (subject_kind, subject, failures, last_failure_at, locked_until)"
                    + " VALUES (:kind, :subject, :failures, :now, :lockedUntil)")
        .bind("failures", failures)
        .bind("now", now)
        .bindByType("lockedUntil", lockedUntil, OffsetDateTime.class)
        .bind("kind", kind)
        .bind("subject", subject)
        .execute();
  }

  private static Optional<Row> find(Handle h, Subject kind, String subject) {
    return h.createQuery(
            "SELECT failures, last_failure_at, locked_until FROM login_throttle"
                + " WHERE subject_kind = :kind AND subject = :subject FOR UPDATE")
        .bind("kind", kind)
        .bind("subject", subject)
        .map(ConstructorMapper.of(Row.class))
        .findOne();
  }

  /** A login is counted as typed, case and surrounding spaces aside; an address as given. */
  static Optional<String> subject(Subject kind, String login, String address) {
    String value =
        kind == Subject.ACCOUNT
            ? login == null ? null : login.strip().toLowerCase(Locale.ROOT)
            : address;
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(value.length() > 100 ? value.substring(0, 100) : value);
  }

  /**
   * A subject's count: forgotten once its lock is over, or its last failure older than the window.
   */
  record Row(int failures, OffsetDateTime lastFailureAt, OffsetDateTime lockedUntil) {
    boolean forgotten(OffsetDateTime now, Duration window) {
      if (lockedUntil != null) {
        return !now.isBefore(lockedUntil);
      }
      return lastFailureAt.plus(window).isBefore(now);
    }
  }
}
