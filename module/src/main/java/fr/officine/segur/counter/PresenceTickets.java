package fr.officine.segur.counter;

import fr.officine.segur.trust.Account;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tickets for the presence stream. EventSource cannot send the bearer token, and the session must
 * not become a cookie (a cookie goes with every request of every tab, the API would need CSRF
 * defences it does not have, and the per-tab session would be shared): the page trades its token
 * for a ticket valid 30 s, usable once, for one prescription only. A ticket seen in an access log
 * is worthless: already used or expired.
 */
@ApplicationScoped
public class PresenceTickets {
  static final Duration TTL = Duration.ofSeconds(30);

  record Ticket(Account account, String sessionTokenHash, String prescriptionNumber, Instant expiresAt) {}

  /** Who redeemed a ticket, and with which session (the stream lives only as long as it). */
  public record Redeemed(Account account, String sessionTokenHash) {}

  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();

  public String issue(Account account, String prescriptionNumber) {
    return issue(account, null, prescriptionNumber);
  }

  public String issue(Account account, String sessionTokenHash, String prescriptionNumber) {
    Instant now = clock.instant();
    tickets.values().removeIf(t -> t.expiresAt().isBefore(now)); // never grows with abandoned tickets
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tickets.put(value, new Ticket(account, sessionTokenHash, prescriptionNumber, now.plus(TTL)));
    return value;
  }

  /** The ticket's account when the ticket exists, is fresh and is for this prescription; consumed. */
  public Optional<Account> redeem(String value, String prescriptionNumber) {
    return redeemWithSession(value, prescriptionNumber).map(Redeemed::account);
  }

  /** As {@link #redeem}, with the session the ticket was issued to. */
  public Optional<Redeemed> redeemWithSession(String value, String prescriptionNumber) {
    if (value == null) {
      return Optional.empty();
    }
    Ticket t = tickets.remove(value);
    if (t == null || t.expiresAt().isBefore(clock.instant()) || !t.prescriptionNumber().equals(prescriptionNumber)) {
      return Optional.empty();
    }
    return Optional.of(new Redeemed(t.account(), t.sessionTokenHash()));
  }
}
