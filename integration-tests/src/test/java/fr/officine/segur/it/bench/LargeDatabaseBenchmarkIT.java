package fr.officine.segur.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.it.dmp.PayaraProcess;
import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.Postgres;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import fr.officine.segur.it.support.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 §7, measured (not asserted; {@code deploy/bench.sh}): consult and record p50/p99 of one
 * counter with the module on PostgreSQL, empty, then after {@code deploy/seed-dispensations.sh} put
 * a million recorded dispensations in the same database (same module, same JVM: the second measure
 * is not flattered by a warmer JVM, the first is warmed up first). Appends its rows to {@code
 * target/benchmark-large-database.md}.
 */
@ExtendWith(SandboxExtension.class)
class LargeDatabaseBenchmarkIT {
  static final String DOLIPRANE = "3400935955838";
  static final int WARMUP = 30;
  static final int ROUNDS = 150;
  static final int SEEDED = Integer.getInteger("bench.seeded", 1_000_000);

  @Test
  void consult_and_record_with_a_million_dispensations_against_an_empty_database(
      SandboxAdmin sandbox) throws Exception {
    Path target = Path.of(System.getProperty("payara.microJar")).getParent();
    Path pgDir = Files.createTempDirectory(target, "bench-postgres-");
    StringBuilder report = new StringBuilder();
    String loadBefore = loadAverage();
    try (Postgres pg = Postgres.start(pgDir);
        PayaraProcess module =
            PayaraProcess.start(
                Files.createTempDirectory(target, "bench-pg-"),
                target.resolve("bench-pg-payara.log"),
                pg.moduleProperties())) {
      Counter counter = Counter.login(module.base(), "titulaire");
      rounds(sandbox, counter, WARMUP);
      long[][] empty = rounds(sandbox, counter, ROUNDS);

      long t0 = System.nanoTime();
      seed(pgDir, pg, SEEDED);
      double seedSeconds = (System.nanoTime() - t0) / 1e9;
      long[][] large = rounds(sandbox, counter, ROUNDS);

      report.append(
          String.format(
              "seeded %,d dispensations in %.0f s (deploy/seed-dispensations.sh)%n",
              SEEDED, seedSeconds));
      report.append(line("consult", empty[0], large[0]));
      report.append(line("record", empty[1], large[1]));
      report.append(
          String.format("load average (1 min) %s before, %s after%n", loadBefore, loadAverage()));
    }
    System.out.println("\n=== large database (PostgreSQL) ===\n" + report);
    Files.writeString(target.resolve("benchmark-large-database.md"), report.toString());
  }

  /** {@code n} rounds of: a new prescription consulted, then one box of it recorded. */
  static long[][] rounds(SandboxAdmin sandbox, Counter counter, int n) {
    long[] consult = new long[n];
    long[] record = new long[n];
    for (int i = 0; i < n; i++) {
      String number =
          sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));
      long t0 = System.nanoTime();
      Http.Reply consulted = counter.consult(number);
      consult[i] = System.nanoTime() - t0;
      assertThat(consulted.status()).as(consulted.toString()).isEqualTo(200);
      String line = consulted.json().getJsonArray("lines").getJsonObject(0).getString("lineId");
      long t1 = System.nanoTime();
      Http.Reply recorded =
          counter.dispense(
              number, UUID.randomUUID().toString(), Dispensations.body().deliver(line, 1).build());
      record[i] = System.nanoTime() - t1;
      assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    }
    return new long[][] {consult, record};
  }

  static void seed(Path pgDir, Postgres pg, int n) throws Exception {
    Path script = Path.of(System.getProperty("project.rootDir"), "deploy", "seed-dispensations.sh");
    ProcessBuilder pb = new ProcessBuilder(script.toString());
    pb.environment().put("N", Integer.toString(n));
    pb.environment().put("DATA_DIR", pgDir.toString());
    pb.environment().put("PG_PORT", pg.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.MINUTES) && p.exitValue() == 0).as(out).isTrue();
  }

  static String line(String what, long[] empty, long[] large) {
    return String.format(
        "| %s p50 / p99, empty → %,d dispensations | %.1f / %.1f ms → %.1f / %.1f ms (p99 ×%.2f) |%n",
        what,
        SEEDED,
        ms(percentile(empty, 50)),
        ms(percentile(empty, 99)),
        ms(percentile(large, 50)),
        ms(percentile(large, 99)),
        (double) percentile(large, 99) / percentile(empty, 99));
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static long percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }
}
