package fr.officine.segur.trust;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.session.PharmacyView;
import fr.officine.segur.api.session.ProfessionalView;
import fr.officine.segur.api.session.SessionView;
import fr.officine.segur.data.Database;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
      @ConfigProperty(name = "segur.session.ttl", defaultValue = "PT10H") String ttl,
      jakarta.enterprise.event.Event<SessionEnded> ended) {
    this(db, accounts, hasher, ttl);
    this.ended = ended;
  }

  public Sessions(Database db, Accounts accounts, PasswordHasher hasher, String ttl) {
    this.db = db;
    this.accounts = accounts;
    this.hasher = hasher;
    this.ttl = Duration.parse(ttl);
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
    db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO app_session (token_hash, login, created_at, expires_at,"
                      + " auth_mode, card_reader, card_serial) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, hash(token));
            ps.setString(2, account.login());
            ps.setObject(3, now);
            ps.setObject(4, expiresAt);
            ps.setString(5, authMode.name());
            ps.setString(6, reader);
            ps.setString(7, cardSerial);
            ps.executeUpdate();
          }
          return null;
        });
    return new SessionView(token, expiresAt, professionalView(account), pharmacyView(account.pharmacy()));
  }

  /** The account behind a token that exists and has not expired. */
  public Optional<Account> authenticate(String token) {
    return authenticated(token).map(Authenticated::account);
  }

  /** An open session: who, and how they authenticated (card or password). */
  public record Authenticated(Account account, AuthMode authMode) {}

  /** The session behind a token that exists and has not expired. */
  public Optional<Authenticated> authenticated(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    String tokenHash = hash(token);
    return db.jdbcRead(
        c -> {
          String login;
          AuthMode mode;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT login, auth_mode FROM app_session WHERE token_hash = ? AND expires_at > ?"
                      + " AND revoked_reason IS NULL")) {
            ps.setString(1, tokenHash);
            ps.setObject(2, OffsetDateTime.now(clock));
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Authenticated>empty();
              }
              login = rs.getString(1);
              mode = AuthMode.of(rs.getString(2));
            }
          }
          return Accounts.find(c, login).map(a -> new Authenticated(a, mode));
        });
  }

  /** Why a token that no longer authenticates was revoked (e.g. "Carte CPS retirée"), if it was. */
  public Optional<String> revocationReason(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    String tokenHash = hash(token);
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT revoked_reason FROM app_session WHERE token_hash = ?"
                      + " AND revoked_reason IS NOT NULL")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  /** The readers holding a card that live sessions are bound to (what the card watcher checks). */
  public List<String> boundReaders() {
    return db.jdbcRead(
        c -> {
          List<String> readers = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT DISTINCT card_reader FROM app_session WHERE card_reader IS NOT NULL"
                      + " AND revoked_reason IS NULL AND expires_at > ?")) {
            ps.setObject(1, OffsetDateTime.now(clock));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                readers.add(rs.getString(1));
              }
            }
          }
          return readers;
        });
  }

  /** The card left {@code reader}: every live session bound to it stops at once; returns how many. */
  public int revokeCardSessions(String reader, String reason) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE app_session SET revoked_reason = ? WHERE card_reader = ?"
                      + " AND revoked_reason IS NULL")) {
            ps.setString(1, reason);
            ps.setString(2, reader);
            return ps.executeUpdate();
          }
        });
  }

  /** Logs out: the token stops working at once, and so do the streams opened with it. */
  public void close(String tokenHash) {
    db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM app_session WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            ps.executeUpdate();
          }
          return null;
        });
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
    return db.jdbcRead(
        c -> {
          String marks = String.join(",", java.util.Collections.nCopies(tokenHashes.size(), "?"));
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT token_hash FROM app_session WHERE token_hash IN (" + marks + ")"
                      + " AND expires_at > ? AND revoked_reason IS NULL")) {
            int i = 1;
            for (String h : tokenHashes) {
              ps.setString(i++, h);
            }
            ps.setObject(i, OffsetDateTime.now(clock));
            java.util.Set<String> live = new java.util.HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                live.add(rs.getString(1));
              }
            }
            return live;
          }
        });
  }

  /** Removes expired sessions; returns how many. */
  public int purgeExpired() {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM app_session WHERE expires_at <= ?")) {
            ps.setObject(1, OffsetDateTime.now(clock));
            return ps.executeUpdate();
          }
        });
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
