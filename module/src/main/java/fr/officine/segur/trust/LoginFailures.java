package fr.officine.segur.trust;

import fr.officine.segur.api.session.LoginFailureView;
import fr.officine.segur.api.session.LoginFailuresView;
import fr.officine.segur.api.session.ThrottledAccountView;
import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The refused logins of one pharmacy's accounts, read from the audit log (every LOGIN answer is
 * recorded there, append-only), and its accounts slowed down or locked now. Only the pharmacy's
 * own accounts: another pharmacy's, and logins matching no account, are not its business.
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
    return db.jdbcRead(
        c -> {
          List<LoginFailureView> failures = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT r.occurred_at, r.login, r.client_ip, r.http_status, r.problem_code"
                      + " FROM audit_record r JOIN account a ON LOWER(a.login) = LOWER(TRIM(r.login))"
                      + " WHERE r.action = 'LOGIN' AND r.http_status >= 400"
                      + " AND a.pharmacy_finess = ? AND r.occurred_at >= ?"
                      + " ORDER BY r.seq DESC FETCH FIRST " + MAX + " ROWS ONLY")) {
            ps.setString(1, pharmacy.finess());
            ps.setObject(2, since);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                failures.add(
                    new LoginFailureView(
                        rs.getObject(1, OffsetDateTime.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5)));
              }
            }
          }
          List<ThrottledAccountView> accounts = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT a.login, t.failures, t.locked_until FROM login_throttle t"
                      + " JOIN account a ON LOWER(a.login) = t.subject"
                      + " WHERE t.subject_kind = 'ACCOUNT' AND a.pharmacy_finess = ?"
                      + " AND (t.locked_until > ? OR (t.locked_until IS NULL AND t.last_failure_at >= ?))"
                      + " ORDER BY a.login")) {
            ps.setString(1, pharmacy.finess());
            ps.setObject(2, now);
            ps.setObject(3, now.minus(throttle.policy().window()));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                accounts.add(
                    new ThrottledAccountView(
                        rs.getString(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class)));
              }
            }
          }
          return new LoginFailuresView(since, failures, accounts);
        });
  }
}
