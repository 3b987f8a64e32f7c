package fr.officine.segur.it.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy/run.sh} started as an operator starts it (sandbox + module), with the build's
 * artefacts and its own ports and data directory, stopped as Ctrl-C stops it (SIGTERM).
 */
final class RunScript implements AutoCloseable {
  /** The last lines run.sh prints once the module answers and has warmed its clients. */
  private static final String READY = "Ctrl-C pour arrêter";

  private final Process process;
  private final Path out;

  private RunScript(Process process, Path out) {
    this.process = process;
    this.out = out;
  }

  static RunScript start(Path root, Map<String, String> env, Path out)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(List.of("bash", root.resolve("deploy/run.sh").toString()))
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(out.toFile()));
    pb.environment().putAll(env);
    RunScript run = new RunScript(pb.start(), out);
    // a bound, not a wait: beyond run.sh's own (MODULE_START_SECONDS, 900 s, plus its 60 s of
    // warm-up), so a slow start fails with run.sh's message rather than this one
    run.awaitReady(Duration.ofMinutes(17));
    return run;
  }

  private void awaitReady(Duration max) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(max);
    while (Instant.now().isBefore(deadline)) {
      if (output().contains(READY)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("run.sh stopped during start-up:\n" + output());
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("run.sh not ready after " + max + ":\n" + output());
  }

  String output() throws IOException {
    return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
  }

  /** Ctrl-C: run.sh's trap stops the module and the sandbox, then run.sh exits. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    for (ProcessHandle child : children) {
      child.onExit().completeOnTimeout(child, 2, java.util.concurrent.TimeUnit.MINUTES).join();
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }
}
