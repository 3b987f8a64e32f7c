package fr.officine.segur.scan;

import fr.officine.segur.problem.ProblemException;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What a picture that holds no readable code costs (issue 15 §2: such a picture must not burn the
 * decode budget many times over, nor hold a decode permit longer than the budget). Not a test:
 * figures for the README. Each picture goes through {@link ScanService#scanImage} (bounded read,
 * header checks, ImageIO decode, luminance, every strategy) with the default limits; printed: wall
 * time (≈ how long the permit is held), the thread's CPU time, and both as multiples of the budget.
 * Run through {@code deploy/decode-bench.sh --failing}; argument: rounds (default 3, after one
 * warm-up).
 */
public final class FailingPictureCost {
  private FailingPictureCost() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    ScanLimits limits = ScanLimits.defaults();
    ScanService scans = new ScanService(limits);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, QrPictures.Picture> pictures = pictures();
    double budgetMs = limits.decodeBudget().toMillis();
    System.out.printf(
        Locale.ROOT,
        "decode budget %.0f ms, %d cores, %d rounds after a warm-up%n",
        budgetMs,
        Runtime.getRuntime().availableProcessors(),
        rounds);
    System.out.printf(
        Locale.ROOT,
        "%-46s %9s %9s %9s %7s %7s  %s%n",
        "picture (no readable code)",
        "bytes",
        "wall ms",
        "cpu ms",
        "wall/b",
        "cpu/b",
        "answer");
    pictures.values().forEach(p -> answer(scans, p));
    for (Map.Entry<String, QrPictures.Picture> e : pictures.entrySet()) {
      long wall = 0;
      long cpu = 0;
      String answer = "";
      for (int i = 0; i < rounds; i++) {
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        answer = answer(scans, e.getValue());
        wall = Math.max(wall, System.nanoTime() - t0);
        cpu = Math.max(cpu, threads.getCurrentThreadCpuTime() - c0);
      }
      System.out.printf(
          Locale.ROOT,
          "%-46s %9d %9.0f %9.0f %7.2f %7.2f  %s%n",
          e.getKey(),
          e.getValue().bytes().length,
          wall / 1e6,
          cpu / 1e6,
          wall / 1e6 / budgetMs,
          cpu / 1e6 / budgetMs,
          answer);
    }
    System.out.println("(worst of the rounds; wall/b and cpu/b: multiples of the decode budget)");
  }

  private static String answer(ScanService scans, QrPictures.Picture picture) {
    try {
      return scans
          .scanImage(new ByteArrayInputStream(picture.bytes()), picture.mediaType())
          .toString();
    } catch (ProblemException e) {
      return e.type().name();
    }
  }

  /** Pictures a counter does receive, none with a code any decoder could read. */
  static Map<String, QrPictures.Picture> pictures() {
    Map<String, QrPictures.Picture> pictures = new LinkedHashMap<>();
    pictures.put(
        "20 Mpx phone photo of a page, no code", QrPictures.jpeg(textured(5000, 4000, 1), 0.8f));
    pictures.put(
        "12 Mpx phone photo of a page, no code", QrPictures.jpeg(textured(4000, 3000, 2), 0.8f));
    pictures.put(
        "2 Mpx webcam frame of a page, no code", QrPictures.jpeg(textured(1600, 1200, 3), 0.8f));
    pictures.put("degraded phone photo of a QR, unread", unread());
    return pictures;
  }

  /**
   * Lines of text and a few dark shapes on grey paper under sensor noise: many false finder
   * candidates.
   */
  private static BufferedImage textured(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(new Color(0xd8d8d0));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(0x202020));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height / 60));
    for (int y = height / 20; y < height; y += height / 40) {
      g.drawString(
          "DOLIPRANE 1000 mg ■ □ ▪ comprimé 3 fois par jour 01S2TBPZ2JCNZZYGHZ ■■ □□",
          random.nextInt(width / 10),
          y);
    }
    for (int i = 0; i < 200; i++) {
      int s = 8 + random.nextInt(height / 50);
      g.fillRect(random.nextInt(width), random.nextInt(height), s, s);
    }
    g.dispose();
    return QrPictures.noise(page, 12, seed);
  }

  /**
   * The first picture of the degraded set that the decoder does not read (blur r2 on a 67 px code).
   */
  private static QrPictures.Picture unread() {
    return DegradedQrPhotos.photos(QrPictures.NUMBER, 1, DegradedQrPhotos.SEED).get(0).picture();
  }
}
