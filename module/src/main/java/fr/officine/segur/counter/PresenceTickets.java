package fr.officine.segur.counter;

import fr.officine.segur.data.Database;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

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

  /** A stream_ticket row. */
  record Ticket(String login, String sessionTokenHash, String scope, OffsetDateTime expiresAt) {}

  public String issue(Account account, String prescriptionNumber) {
    return issue(account, null, prescriptionNumber);
  }

  public String issue(Account account, String sessionTokenHash, String prescriptionNumber) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    db.useTransaction(
        h -> {
          // never grows with abandoned tickets
          h.createUpdate("DELETE FROM stream_ticket WHERE expires_at < :now")
              .bind("now", now)
              .execute();
          h.createUpdate(
                  "INSERT INTO stream_ticket (ticket_hash, login, session_token_hash, scope, expires_at)"
                      + " VALUES (:ticketHash, :login, :sessionTokenHash, :scope, :expiresAt)")
              .bind("ticketHash", Sessions.hash(value))
              .bind("login", account.login())
              .bind("sessionTokenHash", sessionTokenHash)
              .bind("scope", prescriptionNumber)
              .bind("expiresAt", now.plus(TTL))
              .execute();
        });
    return value;
  }

  /**
   * The ticket's account when the ticket exists, is fresh and is for this prescription; consumed.
   */
  public Optional<Account> redeem(String value, String prescriptionNumber) {
    return redeemWithSession(value, prescriptionNumber).map(Redeemed::account);
  }

  /** As {@link #redeem}, with the session the ticket was issued to. */
  public Optional<Redeemed> redeemWithSession(String value, String prescriptionNumber) {
    if (value == null || value.length() > 200) {
      return Optional.empty();
    }
    String hash = Sessions.hash(value);
    Optional<Ticket> holder =
        db.inTransaction(
            h -> {
              Optional<Ticket> ticket =
                  h.createQuery(
                          "SELECT login, session_token_hash, scope, expires_at FROM stream_ticket WHERE ticket_hash = :hash")
                      .bind("hash", hash)
                      .map(ConstructorMapper.of(Ticket.class))
                      .findOne();
              if (ticket.isEmpty()) {
                return Optional.<Ticket>empty();
              }
              if (h.createUpdate("DELETE FROM stream_ticket WHERE ticket_hash = :hash")
                      .bind("hash", hash)
                      .execute()
                  != 1) {
                return Optional.<Ticket>empty(); // another node redeemed it meanwhile
              }
              Ticket t = ticket.get();
              if (t.expiresAt().isBefore(OffsetDateTime.now(clock))
                  || !t.scope().equals(prescriptionNumber)) {
                return Optional.<Ticket>empty(); // a wrong try burns it
              }
              return ticket;
            });
    return holder.flatMap(
        t -> accounts.find(t.login()).map(a -> new Redeemed(a, t.sessionTokenHash())));
  }
}
