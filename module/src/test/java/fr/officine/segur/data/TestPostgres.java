package fr.officine.segur.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the tests, started through the project's own {@code deploy/postgres.sh}
 * (Debian's package, installed by {@code deploy/install-test-deps.sh}): one private cluster per
 * test JVM on a free loopback port, under {@code target/postgres-test}, stopped when the JVM ends;
 * each test gets a database of its own ({@code postgres.sh recreate}), migrated like production: by
 * the migration role, row rights granted to the application role.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static Map<String, String> cluster;

  private TestPostgres() {}

  /** A new, empty database, not migrated: its settings (application and migration logins). */
  public static DatabaseSettings emptyDatabase() {
    return database(Map.of());
  }

  private static DatabaseSettings database(Map<String, String> settings) {
    Map<String, String> env = cluster();
    String name = "segur_t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    Map<String, String> all = new HashMap<>(settings);
    all.put("PG_DB", name);
    String url = script(all, "recreate").strip();
    return new DatabaseSettings(
        url,
        env.get("SEGUR_DB_USER"),
        env.get("SEGUR_DB_PASSWORD"),
        Optional.of(env.get("SEGUR_DB_MIGRATION_USER")),
        env.get("SEGUR_DB_MIGRATION_PASSWORD"));
  }

  /**
   * A new database at the code's schema version, as the module migrates it at start: a copy of a
   * database migrated once per JVM and never used otherwise (PostgreSQL's CREATE DATABASE …
   * TEMPLATE, a file copy instead of the migrations' many statements).
   */
  public static synchronized DatabaseSettings migratedDatabase() {
    if (template == null) {
      DatabaseSettings first = emptyDatabase();
      Migrations.migrate(first);
      template = first.url().substring(first.url().lastIndexOf('/') + 1);
    }
    return database(Map.of("PG_TEMPLATE", template));
  }

  private static String template;

  private static synchronized Map<String, String> cluster() {
    if (cluster == null) {
      Map<String, String> port = Map.of("PG_PORT", String.valueOf(freePort()));
      script(port, "stop"); // a cluster left running by a killed test JVM
      script(port, "start");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> script(port, "stop")));
      cluster = readEnv(dataDir().resolve("postgres.env"));
    }
    return cluster;
  }

  private static Path dataDir() {
    return Path.of("target", "postgres-test").toAbsolutePath();
  }

  private static Path scriptPath() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("deploy").resolve("postgres.sh");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "deploy/postgres.sh not found above " + Path.of("").toAbsolutePath());
  }

  private static String script(Map<String, String> settings, String command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of(scriptPath().toString(), command));
      Map<String, String> env = pb.environment();
      env.put("DATA_DIR", dataDir().toString());
      env.putAll(settings);
      if (cluster != null && !settings.containsKey("PG_PORT")) {
        env.put("PG_PORT", portOf(cluster.get("SEGUR_DB_URL")));
      }
      Path log = Files.createTempFile("postgres-sh", ".log");
      pb.redirectError(log.toFile());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "deploy/postgres.sh "
                + command
                + " failed (PostgreSQL installed? deploy/install-test-deps.sh): "
                + Files.readString(log));
      }
      Files.deleteIfExists(log);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String portOf(String url) {
    return url.replaceAll("^jdbc:postgresql://[^:]+:(\\d+)/.*$", "$1");
  }

  private static Map<String, String> readEnv(Path file) {
    try {
      Map<String, String> env = new HashMap<>();
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return env;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
