package fr.officine.segur.trust;

import fr.officine.segur.api.session.LoginFailureView;
import fr.officine.segur.api.session.LoginFailuresView;
import fr.officine.segur.api.session.ThrottledAccountView;
import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The refused logins of one pharmacy's accounts, read from the audit log (every LOGIN answer is
 * recorded there, append-only), and its accounts slowed down or locked now. Only the pharmacy's own
 * accounts: another pharmacy's, and logins matching no account, are not its business.
 */
@ApplicationScoped
public class LoginFailures {
  static final int MAX = 200;

  private Database db;
  private LoginThrottle throttle;
  private Clock clock;

  /** For CDI's client proxy only. */
  protected LoginFailures() {}

  @Inject
  public LoginFailures(Database db, LoginThrottle throttle) {
    this.db = db;
    this.throttle = throttle;
    this.clock = Clock.systemUTC();
  }

  /** Since one window of the throttle ago at least, and one day at most further back. */
  public LoginFailuresView of(Pharmacy pharmacy) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime since = now.minus(throttle.policy().window()).minusDays(1);
    return db.withHandle(
        h -> {
          List<LoginFailureView> failures =
              h.createQuery(
                      "SELECT r.occurred_at AS at, r.login, r.client_ip, r.http_status AS status, r.problem_code"
                          + " FROM audit_record r JOIN account a ON LOWER(a.login) = LOWER(TRIM(r.login))"
                          + " WHERE r.action = 'LOGIN' AND r.http_status >= 400"
                          + " AND a.pharmacy_finess = :finess AND r.occurred_at >= :since"
                          + " ORDER BY r.seq DESC FETCH FIRST "
                          + MAX
                          + " ROWS ONLY")
                  .bind("finess", pharmacy.finess())
                  .bind("since", since)
                  .map(ConstructorMapper.of(LoginFailureView.class))
                  .list();
          List<ThrottledAccountView> accounts =
              h.createQuery(
                      "SELECT a.login, t.failures, t.locked_until FROM login_throttle t"
                          + " JOIN account a ON LOWER(a.login) = t.subject"
                          + " WHERE t.subject_kind = 'ACCOUNT' AND a.pharmacy_finess = :finess"
                          + " AND (t.locked_until > :now OR (t.locked_until IS NULL AND t.last_failure_at >= :windowStart))"
                          + " ORDER BY a.login")
                  .bind("finess", pharmacy.finess())
                  .bind("now", now)
                  .bind("windowStart", now.minus(throttle.policy().window()))
                  .map(ConstructorMapper.of(ThrottledAccountView.class))
                  .list();
          return new LoginFailuresView(since, failures, accounts);
        });
  }
}
