package fr.officine.segur.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL for an integration test, through the project's own {@code
 * deploy/postgres.sh} (Debian's package, installed by {@code deploy/install-test-deps.sh}): its own
 * data folder and a free loopback port; {@link #moduleProperties()} are the {@code -Dsegur.db.*}
 * settings a module started on it needs. {@link #close()} stops it.
 */
public final class Postgres implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private final Map<String, String> env;

  private Postgres(Path dataDir, int port, Map<String, String> env) {
    this.dataDir = dataDir;
    this.port = port;
    this.env = env;
  }

  /** Starts a cluster in {@code dataDir} (created at the first start) with its database. */
  public static Postgres start(Path dataDir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    run(dataDir, port, "stop"); // a cluster left running by a killed run
    run(dataDir, port, "start");
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(dataDir.resolve("postgres.env"))) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new Postgres(dataDir, port, env);
  }

  public String jdbcUrl() {
    return env.get("SEGUR_DB_URL");
  }

  /** The module's settings for this database: application and migration logins. */
  public List<String> moduleProperties() {
    List<String> p = new ArrayList<>();
    p.add("-Dsegur.db.url=" + env.get("SEGUR_DB_URL"));
    p.add("-Dsegur.db.user=" + env.get("SEGUR_DB_USER"));
    p.add("-Dsegur.db.password=" + env.get("SEGUR_DB_PASSWORD"));
    p.add("-Dsegur.db.migration-user=" + env.get("SEGUR_DB_MIGRATION_USER"));
    p.add("-Dsegur.db.migration-password=" + env.get("SEGUR_DB_MIGRATION_PASSWORD"));
    return p;
  }

  /** Credentials of the application role (to read what the module wrote). */
  public String user() {
    return env.get("SEGUR_DB_USER");
  }

  public String password() {
    return env.get("SEGUR_DB_PASSWORD");
  }

  /**
   * {@code deploy/postgres.sh stop} then {@code start}: a restart of the database under the module.
   */
  public void restart() throws IOException, InterruptedException {
    run(dataDir, port, "stop");
    run(dataDir, port, "start");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(dataDir, port, "stop");
  }

  private static void run(Path dataDir, int port, String command)
      throws IOException, InterruptedException {
    Path script = Path.of("").toAbsolutePath().getParent().resolve("deploy").resolve("postgres.sh");
    ProcessBuilder pb = new ProcessBuilder(script.toString(), command);
    pb.environment().put("DATA_DIR", dataDir.toString());
    pb.environment().put("PG_PORT", Integer.toString(port));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "deploy/postgres.sh "
              + command
              + " failed (PostgreSQL installed? deploy/install-test-deps.sh):\n"
              + out);
    }
  }
}
