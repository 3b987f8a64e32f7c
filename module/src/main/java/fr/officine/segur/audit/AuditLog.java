package fr.officine.segur.audit;

import fr.officine.segur.audit.AuditChain.Verification;
import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The audit log, append-only: this class has no update and no delete, and each append is its own
 * short transaction, so a call that fails (or whose own transaction rolls back) is still recorded.
 *
 * <p>Appends are serialised by a row lock on the chain head ({@code SELECT … FOR UPDATE}), not by a
 * Java lock: several Payara nodes sharing one PostgreSQL chain their records one after the other
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
    return db.inTransaction(h -> append(h, draft));
  }

  /**
   * Appends {@code draft} inside the caller's transaction (an import restores a pharmacy's records
   * and its data in one commit): the chain head's row lock is held until that transaction ends.
   */
  public static AuditRecord appendWithin(Handle h, AuditRecord draft) {
    return append(h, draft);
  }

  /** The chain head as the writer holds it locked. */
  record Head(long lastSeq, String lastHash) {}

  private static AuditRecord append(Handle h, AuditRecord draft) {
    Head head =
        h.createQuery("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
            .map(ConstructorMapper.of(Head.class))
            .findOne()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "audit_chain_head has no row: the migration did not run"));
    AuditRecord r = draft.withSeq(head.lastSeq() + 1);
    String hash = AuditChain.link(head.lastHash(), r);
    h.createUpdate(
            "INSERT INTO audit_record (seq, occurred_at, login, rpps, role, pharmacy_finess, action,"
                + " target, prescription_number, ins_matricule, client_ip, user_agent, http_status,"
                + " problem_code, hash) VALUES (:seq, :occurredAt, :login, :rpps, :role, :pharmacyFiness,"
                + " :action, :target, :prescriptionNumber, :insMatricule, :clientIp, :userAgent,"
                + " :httpStatus, :problemCode, :hash)")
        .bindMethods(r)
        .bind("occurredAt", r.occurredAt().atOffset(ZoneOffset.UTC))
        .bind("hash", hash)
        .execute();
    h.createUpdate("UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
        .bind("seq", r.seq())
        .bind("hash", hash)
        .execute();
    return r;
  }

  /**
   * The accesses of one pharmacy to one patient's data, newest first. A scan, a dispensation or a
   * document read names a prescription, not a patient: they count as accesses to the patient whose
   * INS a record <em>of the same pharmacy</em> ties to that prescription (its consult that showed
   * it). Another pharmacy's consult is not looked at: what it learned is its own (issue 11 §16).
   */
  public List<AuditRecord> accessesToPatient(
      String pharmacyFiness, String insMatricule, int limit) {
    return accessesToPatient(pharmacyFiness, insMatricule, Long.MAX_VALUE, limit);
  }

  /**
   * As {@link #accessesToPatient(String, String, int)}, the records before {@code beforeSeq} only
   * (the next page).
   */
  public List<AuditRecord> accessesToPatient(
      String pharmacyFiness, String insMatricule, long beforeSeq, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + AuditChain.COLUMNS
                        + " FROM audit_record WHERE pharmacy_finess = :finess AND (ins_matricule = :matricule"
                        + " OR prescription_number IN (SELECT p.prescription_number FROM audit_record p"
                        + " WHERE p.pharmacy_finess = :finess AND p.ins_matricule = :matricule"
                        + " AND p.prescription_number IS NOT NULL))"
                        + " AND seq < :before ORDER BY seq DESC FETCH FIRST "
                        + Math.max(1, limit)
                        + " ROWS ONLY")
                .bind("finess", pharmacyFiness)
                .bind("matricule", insMatricule)
                .bind("before", beforeSeq)
                .map((rs, ctx) -> AuditChain.read(rs))
                .list());
  }

  /**
   * The prescription a dispensation of {@code pharmacyFiness} belongs to, to tie a dispensation
   * read to its patient; empty for another pharmacy's dispensation.
   */
  public Optional<String> prescriptionOfDispensation(String dispensationId, String pharmacyFiness) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT prescription_number FROM dispensation WHERE id = :id AND pharmacy_finess = :finess")
                .bind("id", dispensationId)
                .bind("finess", pharmacyFiness)
                .mapTo(String.class)
                .findOne());
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
