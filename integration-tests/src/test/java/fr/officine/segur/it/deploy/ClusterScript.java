package fr.officine.segur.it.deploy;

import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.SandboxAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/cluster.sh} started as an operator starts it (issue 13 §5), with the build's
 * artefacts, free loopback ports and its own data directory under {@code work}, wiped first;
 * stopped as Ctrl-C stops it. Its PostgreSQL can be stopped and started again ({@link #postgres})
 * and its nodes' pids read as cluster.sh writes them.
 */
final class ClusterScript implements AutoCloseable {
  private final Path root;
  private final Path work;
  private final Map<String, String> env;
  private final RunScript script;

  private ClusterScript(Path root, Path work, Map<String, String> env, RunScript script) {
    this.root = root;
    this.work = work;
    this.env = env;
    this.script = script;
  }

  /**
   * Starts {@code nodes} nodes; {@code moduleOptions}: JVM options added to the nodes' default ones
   * (cluster.sh's MODULE_EXTRA_JAVA_OPTS).
   */
  static ClusterScript start(int nodes, Path work, List<String> moduleOptions)
      throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("project.rootDir")).toAbsolutePath().normalize();
    Path data = work.resolve("data");
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", data.toString());
    if (Files.exists(data.resolve("postgres"))) {
      // a PostgreSQL left running by a run that was killed: stopped before its files go
      Files.createDirectories(work);
      env.put("PG_PORT", "1");
      postgres(root, work, env, "stop");
    }
    RunScript.deleteTree(work);
    Files.createDirectories(work);
    env.put("NODES", Integer.toString(nodes));
    env.put("FRONT_PORT", Integer.toString(Sockets.freePort()));
    env.put("NODE_BASE_PORT", Integer.toString(freeRange(nodes)));
    env.put("CLUSTER_BASE_PORT", Integer.toString(freeRange(nodes)));
    env.put("SANDBOX_PORT", Integer.toString(Sockets.freePort()));
    env.put("SANDBOX_TLS_PORT", Integer.toString(Sockets.freePort()));
    env.put("SANDBOX_SMTP_PORT", Integer.toString(Sockets.freePort()));
    env.put("PG_PORT", Integer.toString(Sockets.freePort()));
    env.put("MODULE_WAR", System.getProperty("module.war"));
    env.put("SANDBOX_JAR", System.getProperty("sandbox.jar"));
    env.put("PAYARA_JAR", System.getProperty("payara.microJar"));
    // the CDA schema check of the sandbox DMP is proven by CdaConformanceTest; here it would only
    // add its compilation
    env.put("CDA_VALIDATION", "off");
    // the nodes' JVM as cluster.sh starts them (deploy/lib/launch.sh), with the test's settings
    env.put("MODULE_EXTRA_JAVA_OPTS", String.join(" ", moduleOptions));
    // a bound, not a wait: beyond cluster.sh's own (600 s per node, one after the other)
    RunScript script =
        RunScript.start(
            root,
            "deploy/cluster.sh",
            env,
            work.resolve("cluster.out"),
            Duration.ofMinutes(10L * nodes + 2));
    return new ClusterScript(root, work, env, script);
  }

  /** The counters' URL: HAProxy. */
  URL front() {
    return url(port("FRONT_PORT"));
  }

  /** Node {@code i} (from 1) itself, past HAProxy. */
  URL node(int i) {
    return url(port("NODE_BASE_PORT") + i);
  }

  SandboxAdmin sandbox() {
    return new SandboxAdmin("http://127.0.0.1:" + port("SANDBOX_PORT"));
  }

  /** The pid cluster.sh wrote for node {@code i}'s current JVM. */
  long nodePid(int i) throws IOException {
    return Long.parseLong(
        Files.readString(work.resolve("data").resolve("node" + i).resolve("node.pid")).trim());
  }

  /** Whether node {@code i} answers ready on its own port. */
  boolean nodeReady(int i) {
    try {
      return new Http()
              .send("GET", URI.create(node(i) + "health/ready"), Map.of(), null, null)
              .status()
          == 200;
    } catch (UncheckedIOException notYet) {
      return false;
    }
  }

  /** {@code deploy/postgres.sh start|stop} on the cluster's PostgreSQL. */
  void postgres(String command) throws IOException, InterruptedException {
    postgres(root, work, env, command);
  }

  private static void postgres(Path root, Path work, Map<String, String> env, String command)
      throws IOException, InterruptedException {
    Path out = work.resolve("postgres.out");
    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("deploy/postgres.sh").toString(), command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
            .directory(root.toFile());
    pb.environment().put("PG_PORT", env.get("PG_PORT"));
    pb.environment().put("DATA_DIR", env.get("DATA_DIR"));
    Process run = pb.start();
    if (!run.waitFor(3, TimeUnit.MINUTES) || run.exitValue() != 0) {
      throw new IllegalStateException(
          "postgres.sh " + command + " failed: " + Files.readString(out));
    }
  }

  @Override
  public void close() throws InterruptedException {
    script.close();
  }

  private int port(String setting) {
    return Integer.parseInt(env.get(setting));
  }

  private static URL url(int port) {
    try {
      return URI.create("http://127.0.0.1:" + port + "/").toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A base port p such that p + 1 … p + n are free (cluster.sh numbers its nodes from 1). */
  private static int freeRange(int n) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = Sockets.freePort();
      boolean free = true;
      for (int i = 1; i < n && free; i++) {
        try (ServerSocket s = new ServerSocket(first + i, 1, InetAddress.getLoopbackAddress())) {
          free = s.isBound();
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) {
        return first - 1;
      }
    }
    throw new IllegalStateException("no " + n + " consecutive free ports");
  }
}
