package fr.officine.segur.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.Identities;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 §7, measured (not asserted): run with {@code deploy/cluster-bench.sh}. {@code
 * deploy/cluster.sh} with two nodes on PostgreSQL; the same 8 counters record dispensations (each
 * on its own prescription, one box, the patient's INS qualified so each one's document is signed
 * and sent to the DMP) on node 1 alone (its own port) and through HAProxy (both nodes), in turns,
 * and the nodes' CPU (user + system, from /proc) is read around each turn once the outbox is empty.
 * Prints a Markdown table and writes it to {@code integration-tests/target/cluster-benchmark.md}.
 * Excluded from the normal test run.
 */
class ClusterBenchmarkIT {
  private static final String DOLIPRANE = "3400935955838";
  private static final int COUNTERS = 8;
  private static final int PER_TURN = 64;
  private static final int TURNS = 2;
  private static final int WARMUP = 32;

  /** Sends of one dispensation at most (a bound, not a wait). */
  private static final int MAX_SENDS = 100;

  /** Linux's clock ticks per second of /proc/[pid]/stat (USER_HZ, 100 on every usual kernel). */
  private static final double TICKS_PER_SECOND = 100.0;

  @Test
  void dispensations_per_second_one_node_then_two_behind_haproxy() throws Exception {
    Path work = Path.of(System.getProperty("payara.microJar")).getParent().resolve("cluster-bench");
    String loadBefore = loadAverage();
    Instant started = Instant.now();
    try (ClusterScript cluster = ClusterScript.start(2, work, List.of())) {
      SandboxAdmin sandbox = cluster.sandbox();
      Counter front = Counter.login(cluster.front(), "titulaire");
      Counter node1 = Counter.login(cluster.node(1), "titulaire");
      Identities.qualify(front, Identities.ADRUN_ZOE);
      // warm-up through the front: both nodes' JIT, pools and clients
      dispensationsPerSecond(sandbox, front, front, WARMUP);
      awaitOutboxEmpty(front);

      List<Double> one = new ArrayList<>();
      List<Double> two = new ArrayList<>();
      double cpuOne = 0;
      double cpuTwo = 0;
      for (int turn = 0; turn < TURNS; turn++) {
        double cpu = cpuSeconds(cluster);
        one.add(dispensationsPerSecond(sandbox, node1, node1, PER_TURN));
        awaitOutboxEmpty(front);
        cpuOne += cpuSeconds(cluster) - cpu;
        cpu = cpuSeconds(cluster);
        two.add(dispensationsPerSecond(sandbox, front, front, PER_TURN));
        awaitOutboxEmpty(front);
        cpuTwo += cpuSeconds(cluster) - cpu;
      }
      double rateOne = one.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double rateTwo = two.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      int each = TURNS * PER_TURN;
      String report =
          "| measure | value |\n|---|---|\n"
              + row(
                  "dispensations recorded per second, 1 node (its own port), "
                      + COUNTERS
                      + " counters",
                  String.format("%.1f /s (turns %s)", rateOne, figures(one)))
              + row(
                  "dispensations recorded per second, 2 nodes behind HAProxy, "
                      + COUNTERS
                      + " counters",
                  String.format("%.1f /s (turns %s)", rateTwo, figures(two)))
              + row("ratio 2 nodes / 1 node", String.format("%.2f", rateTwo / rateOne))
              + row(
                  "nodes' CPU per dispensation (record + CDA + PDF + signed DMP send), 1 node / 2 nodes",
                  String.format("%.0f ms / %.0f ms", 1000 * cpuOne / each, 1000 * cpuTwo / each))
              + row(
                  "machine",
                  Runtime.getRuntime().availableProcessors()
                      + " cores, load average "
                      + loadBefore
                      + " before, "
                      + loadAverage()
                      + " after, "
                      + Duration.between(started, Instant.now()).toSeconds()
                      + " s in all");
      System.out.println(report);
      Files.writeString(work.getParent().resolve("cluster-benchmark.md"), report);
    }
  }

  /**
   * {@code n} new prescriptions consulted through {@code consulting}, then recorded by {@link
   * #COUNTERS} threads through {@code recording}: only the recording is timed.
   */
  private static double dispensationsPerSecond(
      SandboxAdmin sandbox, Counter consulting, Counter recording, int n) throws Exception {
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String number =
          sandbox.createPrescription(
              Identities.ADRUN_ZOE.ins(),
              null,
              List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));
      Http.Reply consult = consulting.consult(number);
      assertThat(consult.status()).as(consult.toString()).isEqualTo(200);
      numbers.add(number);
    }
    ExecutorService pool = Executors.newFixedThreadPool(COUNTERS);
    try {
      long t0 = System.nanoTime();
      List<Future<Http.Reply>> answers = new ArrayList<>();
      for (String number : numbers) {
        answers.add(pool.submit(() -> recordWithReplays(recording, number)));
      }
      for (Future<Http.Reply> answer : answers) {
        Http.Reply r = answer.get();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
      }
      return n / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One dispensation, replayed with its key while its answer is not definitive (in doubt: the base
   * answered after the module's read timeout on a loaded machine), as an LGO does; the replays are
   * part of the time measured.
   */
  private static Http.Reply recordWithReplays(Counter recording, String number)
      throws InterruptedException {
    String key = UUID.randomUUID().toString();
    Http.Reply r = null;
    for (int sent = 0; sent < MAX_SENDS; sent++) {
      r = recording.dispense(number, key, Dispensations.body().deliver("L1", 1).build());
      boolean problem = r.contentType().startsWith("application/problem+json");
      if (ClusterScriptIT.replayable(r.status(), problem, problem ? r.problemCode() : null)
          == null) {
        return r;
      }
      Thread.sleep(500);
    }
    return r;
  }

  /** Until the pharmacy's outbox holds no waiting send (bounded). */
  private static void awaitOutboxEmpty(Counter counter) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      if (counter.send("GET", "/outbox", Map.of(), null, null).json().getInt("pending") == 0) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("outbox not drained within 10 minutes");
  }

  /** The user + system CPU seconds of every node's JVM so far. */
  private static double cpuSeconds(ClusterScript cluster) throws IOException {
    double total = 0;
    for (int node = 1; node <= 2; node++) {
      String stat =
          Files.readString(Path.of("/proc", Long.toString(cluster.nodePid(node)), "stat"));
      // fields after the command name, which is in parentheses and may hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }
    return total;
  }

  private static String figures(List<Double> rates) {
    return rates.stream().map(r -> String.format("%.1f", r)).toList().toString();
  }

  private static String row(String measure, String value) {
    return "| " + measure + " | " + value + " |\n";
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
