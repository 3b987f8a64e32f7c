package fr.officine.segur.audit;

import fr.officine.segur.audit.AuditChain.Verification;
import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log, append-only: this class has no update and no delete, and each append is its own
 * short transaction, so a call that fails (or whose own transaction rolls back) is still recorded.
 *
 * <p>Appends are serialised by a row lock on the chain head ({@code SELECT … FOR UPDATE}), not by
 * a Java lock: several Payara nodes sharing one PostgreSQL chain their records one after the other
 * all the same.
 */
@ApplicationScoped
public class AuditLog {
  private Database db;

  protected AuditLog() {}

  @Inject
  public AuditLog(Database db) {
    this.db = db;
  }

  /** Appends {@code draft} (its seq is ignored) at the end of the chain; returns it as stored. */
  public AuditRecord append(AuditRecord draft) {
    return db.jdbcTransaction(c -> append(c, draft));
  }

  /**
   * Appends {@code draft} inside the caller's transaction (an import restores a pharmacy's records
   * and its data in one commit): the chain head's row lock is held until that transaction ends.
   */
  public static AuditRecord appendWithin(Connection c, AuditRecord draft) throws SQLException {
    return append(c, draft);
  }

  private static AuditRecord append(Connection c, AuditRecord draft) throws SQLException {
    long lastSeq;
    String lastHash;
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_chain_head has no row: the migration did not run");
      }
      lastSeq = rs.getLong(1);
      lastHash = rs.getString(2);
    }
    AuditRecord r = draft.withSeq(lastSeq + 1);
    String hash = AuditChain.link(lastHash, r);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_record (seq, occurred_at, login, rpps, role, pharmacy_finess,"
                + " action, target, prescription_number, ins_matricule, client_ip, user_agent,"
                + " http_status, problem_code, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, r.seq());
      ps.setObject(2, r.occurredAt().atOffset(ZoneOffset.UTC));
      ps.setString(3, r.login());
      ps.setString(4, r.rpps());
      ps.setString(5, r.role());
      ps.setString(6, r.pharmacyFiness());
      ps.setString(7, r.action());
      ps.setString(8, r.target());
      ps.setString(9, r.prescriptionNumber());
      ps.setString(10, r.insMatricule());
      ps.setString(11, r.clientIp());
      ps.setString(12, r.userAgent());
      ps.setInt(13, r.httpStatus());
      ps.setString(14, r.problemCode());
      ps.setString(15, hash);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
      ps.setLong(1, r.seq());
      ps.setString(2, hash);
      ps.executeUpdate();
    }
    return r;
  }

  /**
   * The accesses of one pharmacy to one patient's data, newest first. A scan, a dispensation or a
   * document read names a prescription, not a patient: they count as accesses to the patient whose
   * INS a record <em>of the same pharmacy</em> ties to that prescription (its consult that showed
   * it). Another pharmacy's consult is not looked at: what it learned is its own (issue 11 §16).
   */
  public List<AuditRecord> accessesToPatient(String pharmacyFiness, String insMatricule, int limit) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + AuditChain.COLUMNS
                      + " FROM audit_record WHERE pharmacy_finess = ? AND (ins_matricule = ?"
                      + " OR prescription_number IN (SELECT p.prescription_number FROM audit_record p"
                      + " WHERE p.pharmacy_finess = ? AND p.ins_matricule = ?"
                      + " AND p.prescription_number IS NOT NULL))"
                      + " ORDER BY seq DESC FETCH FIRST "
                      + Math.max(1, limit)
                      + " ROWS ONLY")) {
            ps.setString(1, pharmacyFiness);
            ps.setString(2, insMatricule);
            ps.setString(3, pharmacyFiness);
            ps.setString(4, insMatricule);
            List<AuditRecord> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                found.add(AuditChain.read(rs));
              }
            }
            return found;
          }
        });
  }

  /**
   * The prescription a dispensation of {@code pharmacyFiness} belongs to, to tie a dispensation
   * read to its patient; empty for another pharmacy's dispensation.
   */
  public Optional<String> prescriptionOfDispensation(String dispensationId, String pharmacyFiness) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT prescription_number FROM dispensation WHERE id = ? AND pharmacy_finess = ?")) {
            ps.setString(1, dispensationId);
            ps.setString(2, pharmacyFiness);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  /**
   * Checks the whole chain, counting the records of {@code pharmacyFiness} only. Read in a
   * transaction so that PostgreSQL streams the rows with a cursor (it only does so outside
   * auto-commit) and sees one snapshot.
   */
  public Verification verify(String pharmacyFiness) {
    return db.jdbcTransaction(c -> AuditChain.verify(c, pharmacyFiness::equals));
  }

  /** The whole chain, every record counted: the instance operator's check (tests, offline tool). */
  public Verification verify() {
    return db.jdbcTransaction(AuditChain::verify);
  }
}
