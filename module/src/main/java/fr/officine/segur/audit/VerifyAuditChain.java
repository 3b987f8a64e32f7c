package fr.officine.segur.audit;

import fr.officine.segur.audit.AuditChain.Verification;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Offline check of a module database's audit chain, for an inspector or after a restore, with the
 * module stopped (H2 locks its file while the module runs):
 *
 * <pre>
 * mvn -q -pl module -am compile
 * java -cp module/target/classes:$HOME/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar \
 *   fr.officine.segur.audit.VerifyAuditChain ./data/module/segur
 * </pre>
 *
 * The argument is the H2 file without {@code .mv.db}, or a full JDBC URL (PostgreSQL with its
 * driver on the class path; user and password from {@code SEGUR_DB_USER} / {@code
 * SEGUR_DB_PASSWORD}). Prints the same JSON as {@code GET /api/v1/audit/verification}; exits 0 when
 * valid, 1 when broken, 2 on error. Opens the database read-only where the URL allows it.
 */
public final class VerifyAuditChain {
  private VerifyAuditChain() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: VerifyAuditChain <h2 file without .mv.db | jdbc url>");
      System.exit(2);
    }
    System.exit(
        run(
            args[0],
            System.getenv().getOrDefault("SEGUR_DB_USER", "sa"),
            System.getenv().getOrDefault("SEGUR_DB_PASSWORD", ""),
            System.out,
            System.err));
  }

  /** The command without the exit: 0 valid, 1 broken, 2 cannot check. */
  static int run(String target, String user, String password, PrintStream out, PrintStream err) {
    String url =
        target.startsWith("jdbc:")
            ? target
            : "jdbc:h2:file:" + target + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.setAutoCommit(false);
      Verification v = AuditChain.verify(c);
      out.println(json(v));
      return v.valid() ? 0 : 1;
    } catch (SQLException e) {
      err.println("cannot check the audit chain: " + e.getMessage());
      return 2;
    }
  }

  static String json(Verification v) {
    return "{\"valid\":"
        + v.valid()
        + ",\"records\":"
        + v.records()
        + ",\"firstBrokenRecord\":"
        + v.firstBrokenRecord()
        + "}";
  }
}
