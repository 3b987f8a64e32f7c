package fr.officine.segur.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One line of the audit log: who (login, RPPS, role, pharmacy), which patient (INS matricule,
 * stored for search, never logged), what (action, target, prescription), when (UTC), from where
 * (client IP, User-Agent), outcome (HTTP status, problem code). Optional values are {@code null}:
 * the record mirrors the table row one to one, and a null is part of what the hash covers.
 *
 * <p>Depends on nothing but the JDK, so that the offline verifier ({@link VerifyAuditChain}) runs
 * with the module's classes and the H2 jar only.
 */
public record AuditRecord(
    long seq,
    Instant occurredAt,
    String login,
    String rpps,
    String role,
    String pharmacyFiness,
    String action,
    String target,
    String prescriptionNumber,
    String insMatricule,
    String clientIp,
    String userAgent,
    int httpStatus,
    String problemCode) {

  public AuditRecord {
    // the database keeps microseconds (H2 and PostgreSQL): hash what is stored, not more
    occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
  }

  public AuditRecord withSeq(long n) {
    return new AuditRecord(
        n,
        occurredAt,
        login,
        rpps,
        role,
        pharmacyFiness,
        action,
        target,
        prescriptionNumber,
        insMatricule,
        clientIp,
        userAgent,
        httpStatus,
        problemCode);
  }

  /**
   * The bytes the hash covers: every column but the hash, in a fixed order, each as {@code
   * <length>:<value>} or {@code -} for null, so that no value can be shifted into its neighbour (a
   * login ending in "|" cannot forge another record). The time is epoch microseconds: no text
   * format, no time zone, no locale.
   */
  public byte[] canonical() {
    StringBuilder b = new StringBuilder(256);
    field(b, Long.toString(seq));
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt);
    field(b, Long.toString(micros));
    field(b, login);
    field(b, rpps);
    field(b, role);
    field(b, pharmacyFiness);
    field(b, action);
    field(b, target);
    field(b, prescriptionNumber);
    field(b, insMatricule);
    field(b, clientIp);
    field(b, userAgent);
    field(b, Integer.toString(httpStatus));
    field(b, problemCode);
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void field(StringBuilder b, String value) {
    if (value == null) {
      b.append('-');
    } else {
      b.append(value.length()).append(':').append(value);
    }
    b.append('|');
  }
}
