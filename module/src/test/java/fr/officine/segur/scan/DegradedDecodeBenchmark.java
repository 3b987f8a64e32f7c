package fr.officine.segur.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How many of the seeded degraded phone photos ({@link DegradedQrPhotos}) the module reads, and
 * how many Debian's zbarimg reads on the same files (not a test: figures for the README). Run
 * through {@code deploy/decode-bench.sh}, which installs zbar-tools if missing; arguments: the
 * folder to write the pictures to, and optionally the count and the seed.
 */
public final class DegradedDecodeBenchmark {
  private DegradedDecodeBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/degraded-photos");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : DegradedQrPhotos.COUNT;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : DegradedQrPhotos.SEED;
    Files.createDirectories(dir);
    List<DegradedQrPhotos.Photo> photos = DegradedQrPhotos.photos(QrPictures.NUMBER, count, seed);
    ScanService scans = new ScanService(ScanLimits.defaults());
    boolean zbar = zbarAvailable();
    int ours = 0;
    int theirs = 0;
    for (int i = 0; i < photos.size(); i++) {
      DegradedQrPhotos.Photo photo = photos.get(i);
      Path file = dir.resolve(String.format(Locale.ROOT, "photo-%02d.jpg", i));
      Files.write(file, photo.picture().bytes());
      String module =
          scans
              .decodeForBenchmark(photo.picture().bytes(), photo.picture().mediaType())
              .map(d -> d.text().equals(QrPictures.NUMBER) ? d.strategy() : "WRONG TEXT")
              .orElse("-");
      boolean moduleRead = !module.equals("-") && !module.equals("WRONG TEXT");
      boolean zbarRead = zbar && zbarReads(file);
      ours += moduleRead ? 1 : 0;
      theirs += zbarRead ? 1 : 0;
      System.out.printf(
          Locale.ROOT, "%-62s module: %-22s zbarimg: %s%n", photo.description(), module, zbar ? (zbarRead ? "read" : "-") : "n/a");
    }
    System.out.printf(
        Locale.ROOT,
        "seed %d: module %d/%d (%.0f %%), zbarimg %s%n",
        seed,
        ours,
        photos.size(),
        100.0 * ours / photos.size(),
        zbar ? String.format(Locale.ROOT, "%d/%d (%.0f %%)", theirs, photos.size(), 100.0 * theirs / photos.size()) : "not installed");
  }

  private static boolean zbarAvailable() {
    try {
      return new ProcessBuilder("zbarimg", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static boolean zbarReads(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out.lines().anyMatch(line -> line.strip().equals(QrPictures.NUMBER));
  }
}
