package fr.officine.segur.scan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Picture decode time per damaged picture (not a test: figures, not assertions). Run from the
 * repository root with
 *
 * <pre>
 * mvn -q -pl module -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp module/target/test-classes:module/target/classes:$(cat module/target/test-classpath.txt) \
 *     fr.officine.segur.scan.ScanDecodeBenchmark [N]
 * </pre>
 *
 * ({@code mvn -pl module -am ... exec:java} fails: {@code -am} puts the parent and api in the
 * reactor and exec:java runs, and fails, in each of them.)
 *
 * <p>Each picture goes through the whole {@link ScanService#scanImage} path (bounded read, header
 * check, ImageIO decode, luminance, QR search) N times (default 30) after 3 warm-up rounds.
 */
public final class ScanDecodeBenchmark {
  private ScanDecodeBenchmark() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    ScanService scans = new ScanService(ScanLimits.defaults());
    Map<String, QrPictures.Picture> pictures = QrPictures.damagedPictures(QrPictures.NUMBER);
    System.out.printf(
        Locale.ROOT,
        "JVM %s, %d cores, %d runs per picture (after 3 warm-up rounds over all pictures)%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        runs);
    System.out.printf(
        Locale.ROOT,
        "%-52s %9s %8s %8s %8s  %s%n",
        "picture",
        "bytes",
        "mean ms",
        "p50 ms",
        "p99 ms",
        "read by");
    // Warm the JIT on every picture first, so the first rows are not charged for compilation.
    for (int i = 0; i < 3; i++) {
      pictures.values().forEach(picture -> scanOnce(scans, picture));
    }
    for (Map.Entry<String, QrPictures.Picture> entry : pictures.entrySet()) {
      QrPictures.Picture picture = entry.getValue();
      String strategy =
          scans
              .decodeForBenchmark(picture.bytes(), picture.mediaType())
              .map(d -> d.text().equals(QrPictures.NUMBER) ? d.strategy() : "WRONG TEXT")
              .orElse("UNREADABLE");
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        scanOnce(scans, picture);
        ms[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "%-52s %9d %8.1f %8.1f %8.1f  %s%n",
          entry.getKey(),
          picture.bytes().length,
          Arrays.stream(ms).average().orElse(0),
          percentile(ms, 50),
          percentile(ms, 99),
          strategy);
    }
  }

  private static void scanOnce(ScanService scans, QrPictures.Picture picture) {
    try {
      scans.scanImage(new java.io.ByteArrayInputStream(picture.bytes()), picture.mediaType());
    } catch (RuntimeException e) {
      // An unreadable picture still costs its time; the "read by" column says UNREADABLE.
    }
  }

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
