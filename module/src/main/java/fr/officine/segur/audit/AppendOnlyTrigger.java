package fr.officine.segur.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 row trigger on audit_record that refuses every UPDATE and DELETE: the audit log is append-only
 * in the database itself, not only by the module's code (which has no UPDATE nor DELETE on it). The
 * hash chain still detects what someone with the database owner's rights does after dropping this
 * trigger. Created by {@link fr.officine.segur.data.V6_1__Audit_append_only}; PostgreSQL gets the
 * same with a PL/pgSQL trigger and revoked privileges (README, "Audit").
 */
public final class AppendOnlyTrigger implements Trigger {
  @Override
  public void fire(Connection c, Object[] oldRow, Object[] newRow) throws SQLException {
    // oldRow[0] is seq, the first column of audit_record
    String record =
        oldRow == null || oldRow.length == 0 ? "" : " (enregistrement n° " + oldRow[0] + ")";
    throw new SQLException(
        "Journal d'audit en ajout seul : "
            // one trigger for both events: a DELETE has no new row
            + (newRow == null ? "suppression" : "modification")
            + " refusée sur audit_record"
            + record
            + ".",
        "45000");
  }
}
