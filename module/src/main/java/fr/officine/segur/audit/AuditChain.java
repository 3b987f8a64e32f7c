package fr.officine.segur.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * The hash chain of the audit log: {@code hash(n) = SHA-256(hash(n-1) ‖ canonical(record n))},
 * starting from {@link #GENESIS}; the chain head table holds the last sequence number and hash.
 * Editing a row breaks its own hash; deleting one leaves a gap in the sequence (or, at the end, a
 * head that points past the last row); reordering changes the sequence numbers the hashes cover.
 *
 * <p>What it does not prevent: somebody with write access who recomputes every hash after an edit.
 * Anchoring the head's hash outside the database (printed in a daily report, sent to a timestamping
 * service) is what closes that; on PostgreSQL the application role also loses UPDATE/DELETE on the
 * table (see the migration).
 */
public final class AuditChain {
  /** The hash "before" record 1. */
  public static final String GENESIS = "0".repeat(64);

  static final String COLUMNS =
      "seq, occurred_at, login, rpps, role, pharmacy_finess, action, target,"
          + " prescription_number, ins_matricule, client_ip, user_agent, http_status,"
          + " problem_code, hash";

  static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM audit_record ORDER BY seq";

  private AuditChain() {}

  public static String link(String previousHash, AuditRecord record) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previousHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      sha.update(record.canonical());
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * The outcome of a check of the whole chain; {@code records} counts the rows {@code verify} was
   * asked to count; {@code firstBrokenRecord} is null when valid.
   */
  public record Verification(boolean valid, long records, Long firstBrokenRecord) {}

  /**
   * Walks the whole table in sequence order, row by row (the driver fetches in batches, nothing is
   * kept but the previous hash), and reports the first sequence number that is not what the chain
   * says: an edited row's own number, a deleted row's number, the first of two swapped rows.
   * Counting goes on to the end so that {@code records} is the number of rows present.
   */
  public static Verification verify(Connection c) throws SQLException {
    return verify(c, pharmacy -> true);
  }

  /**
   * The whole chain checked (one chain links every pharmacy's records: a break anywhere is a break
   * of the instance's log), {@code records} counting only the rows whose pharmacy {@code counted}
   * accepts: a pharmacy learns nothing of another's activity from it (issue 11 §16).
   */
  public static Verification verify(Connection c, java.util.function.Predicate<String> counted)
      throws SQLException {
    long expected = 1;
    String previous = GENESIS;
    long count = 0;
    Long broken = null;
    try (PreparedStatement ps = c.prepareStatement(SELECT_ALL)) {
      ps.setFetchSize(500);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (counted.test(rs.getString("pharmacy_finess"))) {
            count++;
          }
          if (broken != null) {
            continue;
          }
          AuditRecord r = read(rs);
          if (r.seq() != expected) {
            broken = expected;
            continue;
          }
          String hash = link(previous, r);
          if (!hash.equals(rs.getString("hash"))) {
            broken = r.seq();
            continue;
          }
          previous = hash;
          expected++;
        }
      }
    }
    if (broken == null) {
      broken = checkHead(c, expected - 1, previous);
    }
    return new Verification(broken == null, count, broken);
  }

  /** The head must point at the last row: rows deleted at the end leave it ahead. */
  private static Long checkHead(Connection c, long lastSeq, String lastHash) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return lastSeq + 1;
      }
      long headSeq = rs.getLong("last_seq");
      if (headSeq > lastSeq) {
        return lastSeq + 1;
      }
      if (headSeq < lastSeq) {
        // rows appended behind the writer's back
        return headSeq + 1;
      }
      if (!rs.getString("last_hash").equals(lastHash)) {
        return Math.max(lastSeq, 1);
      }
      return null;
    }
  }

  static AuditRecord read(ResultSet rs) throws SQLException {
    return new AuditRecord(
        rs.getLong("seq"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("login"),
        rs.getString("rpps"),
        rs.getString("role"),
        rs.getString("pharmacy_finess"),
        rs.getString("action"),
        rs.getString("target"),
        rs.getString("prescription_number"),
        rs.getString("ins_matricule"),
        rs.getString("client_ip"),
        rs.getString("user_agent"),
        rs.getInt("http_status"),
        rs.getString("problem_code"));
  }
}
