package fr.officine.segur.it.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code deploy/run.sh} (sandbox + module) or {@code deploy/cluster.sh} (PostgreSQL, sandbox,
 * nodes, HAProxy) started as an operator starts it, with the build's artefacts and its own ports
 * and data directory, stopped as Ctrl-C stops it (SIGTERM).
 */
final class RunScript implements AutoCloseable {
  /** The last lines both scripts print once everything they start answers. */
  private static final String READY = "Ctrl-C pour arrêter";

  private final Process process;
  private final Path out;

  private RunScript(Process process, Path out) {
    this.process = process;
    this.out = out;
  }

  static RunScript start(Path root, Map<String, String> env, Path out)
      throws IOException, InterruptedException {
    // a bound, not a wait: beyond run.sh's own (MODULE_START_SECONDS, 900 s, plus its 60 s of
    // warm-up), so a slow start fails with run.sh's message rather than this one
    return start(root, "deploy/run.sh", env, out, Duration.ofMinutes(17));
  }

  /**
   * {@code script}: a path under {@code root}, e.g. {@code deploy/cluster.sh}; {@code bound}: how
   * long it may take to print that it is ready (beyond its own bounds).
   */
  static RunScript start(
      Path root, String script, Map<String, String> env, Path out, Duration bound)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(List.of("bash", root.resolve(script).toString()))
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(out.toFile()));
    pb.environment().putAll(env);
    RunScript run = new RunScript(pb.start(), out);
    run.awaitReady(bound);
    return run;
  }

  private void awaitReady(Duration max) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(max);
    while (Instant.now().isBefore(deadline)) {
      if (output().contains(READY)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the script stopped during start-up:\n" + output());
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the script not ready after " + max + ":\n" + output());
  }

  String output() throws IOException {
    return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
  }

  /** Ctrl-C: the script's trap stops what it started, then the script exits. */
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

  /** Removes {@code dir} and everything under it (links removed, not followed); none: nothing. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
