package fr.officine.segur.it.dmp;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Payara Micro running the module as its own OS process, which a test may kill like an operator's
 * {@code kill -9} (Arquillian cannot kill the container it manages). Same jar and WAR as
 * Arquillian.
 */
public final class PayaraProcess implements AutoCloseable {
  private final Process process;
  private final URL base;

  private PayaraProcess(Process process, URL base) {
    this.process = process;
    this.base = base;
  }

  /**
   * Starts the module on a free port with its own data directory; waits until it answers. Like the
   * Arquillian deployments, it calls the sandbox's TLS port with the certificates installed for the
   * suite (failsafe's sandbox.tls.port and module.pkiDir).
   */
  public static PayaraProcess start(Path dataDir, Path log, List<String> extraProperties)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path target = Path.of(System.getProperty("payara.microJar")).getParent();
    Path commands = Path.of(System.getProperty("payara.commandsDir"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + target);
    command.add("-Dsegur.mode=sandbox");
    command.add("-Dsegur.data.dir=" + dataDir);
    command.add("-Dsegur.sandbox.url=https://127.0.0.1:" + System.getProperty("sandbox.tls.port"));
    command.add("-Dsegur.pki.dir=" + System.getProperty("module.pkiDir"));
    command.addAll(extraProperties);
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("payara.microJar"),
            "--deploy",
            System.getProperty("module.deployedWar"),
            "--addLibs",
            System.getProperty("module.sharedLibs"),
            "--contextroot",
            "/",
            "--port",
            Integer.toString(port),
            // like deploy/run.sh: no Hazelcast, plain http on loopback, Payara's endpoints off
            "--nohazelcast",
            "--prebootcommandfile",
            commands.resolve("single-node.preboot").toString(),
            "--postbootcommandfile",
            commands.resolve("operator-endpoints-off.postboot").toString()));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    URL base = URI.create("http://127.0.0.1:" + port + "/").toURL();
    PayaraProcess running = new PayaraProcess(p, base);
    // as patient as deploy/run.sh (MODULE_START_SECONDS, 900 s): a loaded 2-core CI machine took
    // 194 s
    // to boot it and busy run 4 (load 42) was not ready after 6 min; the wait follows readiness,
    // its
    // bound only says when to give up (issue 11 §10)
    running.awaitReady(Duration.ofMinutes(15));
    return running;
  }

  public URL base() {
    return base;
  }

  /** {@code kill -9}: no shutdown hook, no pending commit. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  private void awaitReady(Duration max) throws InterruptedException {
    Instant deadline = Instant.now().plus(max);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Payara stopped during start-up (exit " + process.exitValue() + ")");
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) new URL(base, "api/v1/sessions/current").openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        // 401 = the module is deployed and its filters run
        if (c.getResponseCode() == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException("Payara not ready after " + max);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
