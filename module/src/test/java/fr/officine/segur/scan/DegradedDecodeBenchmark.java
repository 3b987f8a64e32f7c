package fr.officine.segur.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * How many of the seeded degraded phone photos ({@link DegradedQrPhotos}: the small, soft set and
 * the askew set) the module reads, and how many Debian's zbarimg reads on the same files, with the
 * time each takes per picture (not a test: figures for the README). Run through {@code
 * deploy/decode-bench.sh}, which installs zbar-tools if missing; argument: the folder to write the
 * pictures to.
 */
public final class DegradedDecodeBenchmark {
  private DegradedDecodeBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/degraded-photos");
    Files.createDirectories(dir);
    ScanService scans = new ScanService(ScanLimits.defaults());
    boolean zbar = zbarAvailable();
    // Warm the JIT first, so the first pictures are not charged for compilation.
    for (DegradedQrPhotos.Photo photo : DegradedQrPhotos.photos(QrPictures.NUMBER, 10, 1)) {
      scans.decodeForBenchmark(photo.picture().bytes(), photo.picture().mediaType());
    }
    String number = QrPictures.NUMBER;
    run(
        "small-soft",
        DegradedQrPhotos.photos(number, DegradedQrPhotos.COUNT, DegradedQrPhotos.SEED),
        number,
        dir,
        scans,
        zbar);
    run(
        "askew",
        DegradedQrPhotos.askew(number, DegradedQrPhotos.COUNT, DegradedQrPhotos.ASKEW_SEED),
        number,
        dir,
        scans,
        zbar);
    // zbar reads no DataMatrix: the box set has the module's column only.
    String box = BoxPictures.KARDEGIC;
    run(
        "box",
        BoxPictures.degradedPhotos(box, DegradedQrPhotos.COUNT, BoxPictures.PHOTO_SEED),
        BoxPictures.KARDEGIC_AS_READ,
        dir,
        scans,
        false);
  }

  private static void run(
      String set,
      List<DegradedQrPhotos.Photo> photos,
      String expected,
      Path dir,
      ScanService scans,
      boolean zbar)
      throws IOException, InterruptedException {
    int ours = 0;
    int theirs = 0;
    long ourNanos = 0;
    long theirNanos = 0;
    Map<String, Integer> byStrategy = new TreeMap<>();
    for (int i = 0; i < photos.size(); i++) {
      DegradedQrPhotos.Photo photo = photos.get(i);
      Path file = dir.resolve(String.format(Locale.ROOT, "%s-%02d.jpg", set, i));
      Files.write(file, photo.picture().bytes());
      long start = System.nanoTime();
      String module =
          scans
              .decodeForBenchmark(photo.picture().bytes(), photo.picture().mediaType())
              .map(d -> d.text().equals(expected) ? d.strategy() : "WRONG TEXT")
              .orElse("-");
      ourNanos += System.nanoTime() - start;
      boolean moduleRead = !module.equals("-") && !module.equals("WRONG TEXT");
      start = System.nanoTime();
      boolean zbarRead = zbar && zbarReads(file);
      theirNanos += System.nanoTime() - start;
      ours += moduleRead ? 1 : 0;
      theirs += zbarRead ? 1 : 0;
      byStrategy.merge(module, 1, Integer::sum);
      System.out.printf(
          Locale.ROOT,
          "%-10s %-86s module: %-30s zbarimg: %s%n",
          set,
          photo.description(),
          module,
          zbar ? (zbarRead ? "read" : "-") : "n/a");
    }
    int n = photos.size();
    System.out.printf(Locale.ROOT, "%s: read first by %s%n", set, byStrategy);
    System.out.printf(
        Locale.ROOT,
        "%s: module %d/%d (%.0f %%), %.1f ms per picture; zbarimg %s%n",
        set,
        ours,
        n,
        100.0 * ours / n,
        ourNanos / 1e6 / n,
        zbar
            ? String.format(
                Locale.ROOT,
                "%d/%d (%.0f %%), %.1f ms per picture (a process each); module/zbarimg time %.2f",
                theirs,
                n,
                100.0 * theirs / n,
                theirNanos / 1e6 / n,
                (double) ourNanos / theirNanos)
            : "n/a (not installed, or the set is DataMatrix: zbar reads none)");
  }

  private static boolean zbarAvailable() {
    try {
      return new ProcessBuilder("zbarimg", "--version").redirectErrorStream(true).start().waitFor()
          == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static boolean zbarReads(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out.lines().anyMatch(line -> line.strip().equals(QrPictures.NUMBER));
  }
}
