package fr.officine.segur.trust;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.session.PharmacyView;
import fr.officine.segur.api.session.ProfessionalView;
import fr.officine.segur.api.session.SessionView;
import fr.officine.segur.config.Settings;
import fr.officine.segur.data.Database;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Opens sessions with a login and password, and recognises their bearer tokens. The token is 32
 * random bytes (base64url); only its SHA-256 is stored, so the sessions table opens nothing.
 */
@ApplicationScoped
public class Sessions {
  private final SecureRandom random = new SecureRandom();
  private Database db;
  private Accounts accounts;
  private PasswordHasher hasher;
  private Duration ttl;
  private Clock clock;

  /** Null outside a container (unit tests): nobody listens there. */
  private jakarta.enterprise.event.Event<SessionEnded> ended;

  protected Sessions() {}

  @Inject
  public Sessions(
      Database db,
      Accounts accounts,
      PasswordHasher hasher,
      Config config,
      jakarta.enterprise.event.Event<SessionEnded> ended) {
    this(db, accounts, hasher, Settings.duration(config, "segur.session.ttl"));
    this.ended = ended;
  }

  public Sessions(Database db, Accounts accounts, PasswordHasher hasher, Duration ttl) {
    this.db = db;
    this.accounts = accounts;
    this.hasher = hasher;
    this.ttl = ttl;
    this.clock = Clock.systemUTC();
  }

  public SessionView open(String login, String password) {
    if (login == null || password == null || login.isBlank()) {
      throw badCredentials();
    }
    char[] secret = password.toCharArray();
    try {
      Optional<Account> account = accounts.find(login.trim());
      boolean ok =
          account.isPresent()
              ? hasher.verify(secret, account.get().passwordHash())
              : hasher.verifyNothing(secret);
      if (!ok) {
        throw badCredentials();
      }
      return open(account.get());
    } finally {
      PasswordHasher.wipe(secret);
    }
  }

  private SessionView open(Account account) {
    return open(account, AuthMode.INDIRECTE, null, null);
  }

  /**
   * A session of the holder of the CPS card in {@code reader} (DIRECTE): it lives as long as the
   * card stays in the reader, see {@link #revokeCardSessions}.
   */
  public SessionView openBoundToCard(Account account, String reader, String cardSerial) {
    return open(account, AuthMode.DIRECTE, reader, cardSerial);
  }

  private SessionView open(Account account, AuthMode authMode, String reader, String cardSerial) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime expiresAt = now.plus(ttl);
    db.useTransaction(
        h ->
            h.createUpdate(
                    "INSERT INTO app_session (token_hash, login, created_at, expires_at, auth_mode,"
                        + " card_reader, card_serial) VALUES (:tokenHash, :login, :now, :expiresAt, :authMode,"
                        + " :reader, :cardSerial)")
                .bind("tokenHash", hash(token))
                .bind("login", account.login())
                .bind("now", now)
                .bind("expiresAt", expiresAt)
                .bind("authMode", authMode.name())
                .bind("reader", reader)
                .bind("cardSerial", cardSerial)
                .execute());
    return new SessionView(
        token, expiresAt, professionalView(account), pharmacyView(account.pharmacy()));
  }

  /** The account behind a token that exists and has not expired. */
  public Optional<Account> authenticate(String token) {
    return authenticated(token).map(Authenticated::account);
  }

  /**
   * A token worth looking up: not empty, and not longer than any this class issues (a long one is
   * not hashed or queried at all).
   */
  private static boolean plausible(String token) {
    return token != null && !token.isBlank() && token.length() <= 200;
  }

  /** An open session: who, and how they authenticated (card or password). */
  public record Authenticated(Account account, AuthMode authMode) {}

  /** The session behind a token that exists and has not expired. */
  public Optional<Authenticated> authenticated(String token) {
    if (!plausible(token)) {
      return Optional.empty();
    }
    String tokenHash = hash(token);
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT login, auth_mode FROM app_session WHERE token_hash = :tokenHash AND expires_at > :now"
                        + " AND revoked_reason IS NULL")
                .bind("tokenHash", tokenHash)
                .bind("now", OffsetDateTime.now(clock))
                .map(ConstructorMapper.of(Session.class))
                .findOne()
                .flatMap(
                    session ->
                        Accounts.find(h, session.login())
                            .map(a -> new Authenticated(a, AuthMode.of(session.authMode())))));
  }

  /** An app_session row: whose, and how it authenticated. */
  record Session(String login, String authMode) {}

  /** Why a token that no longer authenticates was revoked (e.g. "Carte CPS retirée"), if it was. */
  public Optional<String> revocationReason(String token) {
    if (!plausible(token)) {
      return Optional.empty();
    }
    String tokenHash = hash(token);
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT revoked_reason FROM app_session WHERE token_hash = :tokenHash"
                        + " AND revoked_reason IS NOT NULL")
                .bind("tokenHash", tokenHash)
                .mapTo(String.class)
                .findOne());
  }

  /** The readers holding a card that live sessions are bound to (what the card watcher checks). */
  public List<String> boundReaders() {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT DISTINCT card_reader FROM app_session WHERE card_reader IS NOT NULL"
                        + " AND revoked_reason IS NULL AND expires_at > :now")
                .bind("now", OffsetDateTime.now(clock))
                .mapTo(String.class)
                .list());
  }

  /**
   * The card left {@code reader}: every live session bound to it stops at once; returns how many.
   */
  public int revokeCardSessions(String reader, String reason) {
    return db.inTransaction(
        h ->
            h.createUpdate(
                    "UPDATE app_session SET revoked_reason = :reason WHERE card_reader = :reader"
                        + " AND revoked_reason IS NULL")
                .bind("reason", reason)
                .bind("reader", reader)
                .execute());
  }

  /** Logs out: the token stops working at once, and so do the streams opened with it. */
  public void close(String tokenHash) {
    db.useTransaction(
        h ->
            h.createUpdate("DELETE FROM app_session WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash)
                .execute());
    if (ended != null) {
      ended.fire(new SessionEnded(tokenHash));
    }
  }

  /**
   * Which of these sessions (token hashes) may still act: not closed, not expired, not revoked
   * (card removed). One query whatever the number of streams re-checked.
   */
  public java.util.Set<String> live(java.util.Collection<String> tokenHashes) {
    if (tokenHashes.isEmpty()) {
      return java.util.Set.of();
    }
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT token_hash FROM app_session WHERE token_hash IN (<tokenHashes>)"
                        + " AND expires_at > :now AND revoked_reason IS NULL")
                .bindList("tokenHashes", List.copyOf(tokenHashes))
                .bind("now", OffsetDateTime.now(clock))
                .mapTo(String.class)
                .set());
  }

  /** Removes expired sessions; returns how many. */
  public int purgeExpired() {
    return db.inTransaction(
        h ->
            h.createUpdate("DELETE FROM app_session WHERE expires_at <= :now")
                .bind("now", OffsetDateTime.now(clock))
                .execute());
  }

  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static ProfessionalView professionalView(Account a) {
    return new ProfessionalView(
        a.login(), a.rpps().orElse(null), a.lastName(), a.firstName(), a.role().name());
  }

  static PharmacyView pharmacyView(Pharmacy p) {
    return new PharmacyView(p.finess(), p.name(), p.city());
  }

  private static ProblemException badCredentials() {
    return new ProblemException(
        ProblemType.BAD_CREDENTIALS, "Identifiant ou mot de passe incorrect.");
  }
}
