package fr.officine.segur.counter;

import fr.officine.segur.data.Database;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;

/**
 * Tickets for the presence stream. EventSource cannot send the bearer token, and the session must
 * not become a cookie (a cookie goes with every request of every tab, the API would need CSRF
 * defences it does not have, and the per-tab session would be shared): the page trades its token
 * for a ticket valid 30 s, usable once, for one prescription only. A ticket seen in an access log
 * is worthless: already used or expired.
 *
 * <p>Kept in the database ({@code stream_ticket}, V21), hashed like session tokens: behind HAProxy
 * the node that opens the stream is often not the one that issued the ticket (issue 13 §2), and
 * "used once" must hold across nodes: the row is deleted by whoever redeems it, and only the
 * deletion that removed it counts.
 */
@ApplicationScoped
public class PresenceTickets {
  static final Duration TTL = Duration.ofSeconds(30);

  /** Who redeemed a ticket, and with which session (the stream lives only as long as it). */
  public record Redeemed(Account account, String sessionTokenHash) {}

  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();
  private Database db;
  private Accounts accounts;

  protected PresenceTickets() {}

  @Inject
  public PresenceTickets(Database db, Accounts accounts) {
    this.db = db;
    this.accounts = accounts;
  }

  public String issue(Account account, String prescriptionNumber) {
    return issue(account, null, prescriptionNumber);
  }

  public String issue(Account account, String sessionTokenHash, String prescriptionNumber) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    db.jdbcTransaction(
        c -> {
          // never grows with abandoned tickets
          try (PreparedStatement purge = c.prepareStatement("DELETE FROM stream_ticket WHERE expires_at < ?")) {
            purge.setObject(1, now);
            purge.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO stream_ticket (ticket_hash, login, session_token_hash, scope, expires_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, Sessions.hash(value));
            ps.setString(2, account.login());
            ps.setString(3, sessionTokenHash);
            ps.setString(4, prescriptionNumber);
            ps.setObject(5, now.plus(TTL));
            ps.executeUpdate();
          }
          return null;
        });
    return value;
  }

  /** The ticket's account when the ticket exists, is fresh and is for this prescription; consumed. */
  public Optional<Account> redeem(String value, String prescriptionNumber) {
    return redeemWithSession(value, prescriptionNumber).map(Redeemed::account);
  }

  /** As {@link #redeem}, with the session the ticket was issued to. */
  public Optional<Redeemed> redeemWithSession(String value, String prescriptionNumber) {
    if (value == null || value.length() > 200) {
      return Optional.empty();
    }
    String hash = Sessions.hash(value);
    record Holder(String login, String sessionTokenHash) {}
    Optional<Holder> holder = db.jdbcTransaction(
        c -> {
          String login;
          String sessionTokenHash;
          String scope;
          OffsetDateTime expiresAt;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT login, session_token_hash, scope, expires_at FROM stream_ticket WHERE ticket_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Holder>empty();
              }
              login = rs.getString(1);
              sessionTokenHash = rs.getString(2);
              scope = rs.getString(3);
              expiresAt = rs.getObject(4, OffsetDateTime.class);
            }
          }
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM stream_ticket WHERE ticket_hash = ?")) {
            ps.setString(1, hash);
            if (ps.executeUpdate() != 1) {
              return Optional.<Holder>empty(); // another node redeemed it meanwhile
            }
          }
          if (expiresAt.isBefore(OffsetDateTime.now(clock)) || !scope.equals(prescriptionNumber)) {
            return Optional.<Holder>empty(); // a wrong try burns it
          }
          return Optional.of(new Holder(login, sessionTokenHash));
        });
    return holder.flatMap(h -> accounts.find(h.login()).map(a -> new Redeemed(a, h.sessionTokenHash())));
  }
}
