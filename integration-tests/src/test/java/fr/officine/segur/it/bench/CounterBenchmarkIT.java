package fr.officine.segur.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.InstalledCertificates;
import fr.officine.segur.it.support.ModuleWar;
import fr.officine.segur.it.support.PreviousModuleGone;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import fr.officine.segur.it.support.SandboxExtension;
import fr.officine.segur.scan.QrPictures;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The counter's speed, measured (not asserted): run with {@code deploy/bench.sh}. Module in Payara
 * Micro, sandbox on loopback, both on this machine. Prints a Markdown table and writes it to {@code
 * integration-tests/target/benchmark.md}. Excluded from the normal test run. Scan→consult is
 * compared with the sandbox's consult called straight ({@link DirectConsult}), in turns within the
 * run: the module's overhead (issue 13 §7).
 */
@ExtendWith({SandboxExtension.class, PreviousModuleGone.class, ArquillianExtension.class})
@RunAsClient
class CounterBenchmarkIT {
  static final String DOLIPRANE = "3400935955838";
  static final int WARMUP = 50;
  static final int SCANS_PER_COUNTER = 100;
  static final int DISPENSATIONS = 200;
  static final int PICTURE_ROUNDS = 10;

  /** Turns of module calls then straight sandbox calls, per concurrency. */
  static final int TURNS = 2;

  @Deployment(testable = false)
  static WebArchive module() {
    return ModuleWar.fromBuild();
  }

  @ArquillianResource URL base;

  @Test
  void measure(SandboxAdmin sandbox, InstalledCertificates certificates) throws Exception {
    String loadBefore = loadAverage();
    sandbox.fault("eprescription", "up", 0);
    Counter counter = Counter.login(base, "titulaire");
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      numbers.add(
          sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3))));
    }
    DirectConsult direct =
        new DirectConsult(
            sandbox.baseUrl(), Integer.getInteger("sandbox.tls.port"), certificates.pki());
    var warmPort = direct.port();
    for (int i = 0; i < WARMUP; i++) {
      scanThenConsult(counter, numbers.get(i % numbers.size()));
      DirectConsult.consult(warmPort, numbers.get(i % numbers.size()));
    }

    StringBuilder report = new StringBuilder();
    report.append("| measure | value |\n|---|---|\n");
    for (int concurrency : new int[] {1, 20}) {
      // the module's scan→consult and the sandbox's consult called straight, in turns (module,
      // sandbox, module, sandbox) so that both sides see the same load of this machine
      List<Long> module = new ArrayList<>();
      List<Long> straight = new ArrayList<>();
      for (int turn = 0; turn < TURNS; turn++) {
        latencies(concurrency, c -> number -> scanThenConsult(counter, number), numbers, module);
        latencies(
            concurrency,
            c -> {
              var port = direct.port();
              return number -> DirectConsult.consult(port, number);
            },
            numbers,
            straight);
      }
      long[] m = module.stream().mapToLong(Long::longValue).toArray();
      long[] d = straight.stream().mapToLong(Long::longValue).toArray();
      String who = concurrency + " counter(s)";
      report.append(row("scan→consult, " + who + ", p50", ms(percentile(m, 50))));
      report.append(row("scan→consult, " + who + ", p99", ms(percentile(m, 99))));
      report.append(
          row(
              "sandbox consult called straight (mutual TLS, same certificate), "
                  + who
                  + ", p50 / p99",
              ms(percentile(d, 50)) + " / " + ms(percentile(d, 99))));
      report.append(
          row(
              "module / sandbox, " + who + ", p50 / p99",
              String.format(
                  "%.2f / %.2f",
                  (double) percentile(m, 50) / percentile(d, 50),
                  (double) percentile(m, 99) / percentile(d, 99))));
    }

    report.append(
        row(
            "dispensations recorded per second (8 counters, " + DISPENSATIONS + " prescriptions)",
            String.format("%.1f /s", dispensationsPerSecond(sandbox, counter, 8))));

    BufferedImage qr = QrPictures.read(sandbox.qrPng(numbers.get(0)));
    Map<String, QrPictures.Picture> pictures = new LinkedHashMap<>();
    pictures.put("clean PNG", QrPictures.png(qr));
    pictures.put("photo: tilted 17°, JPEG q30", QrPictures.jpeg(QrPictures.rotate(qr, 17), 0.3f));
    pictures.put(
        "scanned A4 page 1240×1754, QR 160 px",
        QrPictures.jpeg(QrPictures.onPage(QrPictures.scale(qr, 160), 1240, 1754), 0.5f));
    for (Map.Entry<String, QrPictures.Picture> picture : pictures.entrySet()) {
      long[] times = new long[PICTURE_ROUNDS];
      for (int i = 0; i < PICTURE_ROUNDS; i++) {
        long t0 = System.nanoTime();
        Http.Reply reply =
            counter.scanImage(picture.getValue().bytes(), picture.getValue().mediaType());
        times[i] = System.nanoTime() - t0;
        assertThat(reply.status()).as(picture.getKey() + " " + reply).isEqualTo(200);
      }
      report.append(
          row(
              "picture scan (upload + decode), " + picture.getKey() + ", p50",
              ms(percentile(times, 50))));
    }

    String table =
        "Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version")
            + "; load average "
            + loadBefore
            + " at the start, "
            + loadAverage()
            + " at the end; module in Payara Micro and sandbox on loopback.\n\n"
            + report;
    System.out.println("\n=== officine-segur benchmark ===\n" + table);
    Path out = Path.of(System.getProperty("benchmark.out", "target/benchmark.md"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, table);
  }

  private static void scanThenConsult(Counter counter, String number) {
    Http.Reply scan = counter.scanText(number + "\n");
    if (scan.status() != 200) {
      throw new IllegalStateException(scan.toString());
    }
    Http.Reply consult = counter.consult(scan.json().getString("prescriptionNumber"));
    if (consult.status() != 200) {
      throw new IllegalStateException(consult.toString());
    }
  }

  /** One thread's call of a prescription number. */
  interface Call {
    void run(String number) throws Exception;
  }

  /** What each counter thread calls (made on its own thread: one JAX-WS proxy per thread). */
  interface Caller {
    Call on(int counter) throws Exception;
  }

  /**
   * {@code concurrency} threads, each {@code SCANS_PER_COUNTER / TURNS} calls; their latencies
   * added to {@code into}.
   */
  private static void latencies(
      int concurrency, Caller caller, List<String> numbers, List<Long> into) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int c = 0; c < concurrency; c++) {
        int offset = c;
        futures.add(
            pool.submit(
                () -> {
                  Call call = caller.on(offset);
                  long[] times = new long[SCANS_PER_COUNTER / TURNS];
                  for (int i = 0; i < times.length; i++) {
                    long t0 = System.nanoTime();
                    call.run(numbers.get((offset + i) % numbers.size()));
                    times[i] = System.nanoTime() - t0;
                  }
                  return times;
                }));
      }
      for (Future<long[]> future : futures) {
        Arrays.stream(future.get()).forEach(into::add);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private double dispensationsPerSecond(SandboxAdmin sandbox, Counter counter, int concurrency)
      throws Exception {
    List<String[]> work = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < DISPENSATIONS; i++) {
      String number =
          sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));
      JsonObject prescription = counter.consult(number).json();
      work.add(
          new String[] {
            number, prescription.getJsonArray("lines").getJsonObject(0).getString("lineId")
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      long t0 = System.nanoTime();
      List<Future<Integer>> futures = new ArrayList<>();
      for (String[] item : work) {
        futures.add(
            pool.submit(
                () ->
                    counter
                        .dispense(
                            item[0],
                            UUID.randomUUID().toString(),
                            Dispensations.body().deliver(item[1], 1).build())
                        .status()));
      }
      for (Future<Integer> future : futures) {
        assertThat(future.get()).isEqualTo(201);
      }
      return DISPENSATIONS / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String ms(long nanos) {
    return String.format("%.1f ms", nanos / 1e6);
  }

  private static String row(String what, String value) {
    return "| " + what + " | " + value + " |\n";
  }
}
