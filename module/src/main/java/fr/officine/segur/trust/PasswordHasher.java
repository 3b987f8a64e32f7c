package fr.officine.segur.trust;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK, 210 000 iterations (OWASP Password Storage Cheat Sheet, 2023
 * figure for PBKDF2-HMAC-SHA256), 16-byte salt per account, 32-byte hash. Stored as {@code
 * pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>} so the iteration count can be raised later
 * without invalidating existing hashes.
 */
@ApplicationScoped
public class PasswordHasher {
  public static final int DEFAULT_ITERATIONS = 210_000;
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  /**
   * Verified when the login is unknown, so that an unknown login costs the same time as a wrong
   * password and the answer time does not tell which logins exist.
   */
  private final String decoy;

  public PasswordHasher() {
    this(DEFAULT_ITERATIONS);
  }

  PasswordHasher(int iterations) {
    this.iterations = iterations;
    this.decoy = hash("decoy".toCharArray());
  }

  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  /** Constant-time comparison of the derived key; a malformed stored value never matches. */
  public boolean verify(char[] password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    try {
      int storedIterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      if (storedIterations < 1 || salt.length == 0 || expected.length == 0) {
        return false;
      }
      return MessageDigest.isEqual(derive(password, salt, storedIterations), expected);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Spends the time of one verification and answers false. */
  public boolean verifyNothing(char[] password) {
    verify(password, decoy);
    return false;
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK 17", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** Wipes a password from memory once it has been used. */
  static void wipe(char[] password) {
    Arrays.fill(password, '\0');
  }
}
