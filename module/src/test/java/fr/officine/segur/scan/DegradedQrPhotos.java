package fr.officine.segur.scan;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fixed, seeded set of degraded phone photos of a prescription's QR code (issue 15 §2): each one
 * small (2 to 4 px per module), tilted (any angle, with a little shear for a phone held askew),
 * soft (out of focus), dim, noisy and saved as JPEG quality 35. The same seed gives the same bytes,
 * so the decoder test and the benchmark (with zbarimg on the same files) count the same pictures.
 */
final class DegradedQrPhotos {
  /** The seed of the set the test and the README's benchmark row use. */
  static final long SEED = 20261202L;

  /** How many pictures the set holds. */
  static final int COUNT = 60;

  private DegradedQrPhotos() {}

  /** A degraded photo and how it was made (for the benchmark's listing). */
  record Photo(String description, QrPictures.Picture picture) {}

  static List<Photo> photos(String content, int count, long seed) {
    BufferedImage qr = QrPictures.qr(content);
    List<Photo> photos = new ArrayList<>();
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      int side = 66 + random.nextInt(56); // 29 modules with the quiet zone: 2.3 to 4.2 px each
      double angle = random.nextDouble() * 360;
      double shear = (random.nextDouble() - 0.5) * 0.3;
      int blur = 1 + random.nextInt(2);
      int dark = 40 + random.nextInt(60);
      int light = dark + 60 + random.nextInt(90);
      double noise = 8 + random.nextDouble() * 16;
      long noiseSeed = random.nextLong();
      BufferedImage photo =
          QrPictures.noise(
              QrPictures.lowContrast(
                  QrPictures.blur(placed(QrPictures.scale(qr, side), angle, shear, 320, 240), blur),
                  dark,
                  Math.min(255, light)),
              noise,
              noiseSeed);
      String description =
          String.format(
              java.util.Locale.ROOT,
              "%02d %3d px, %5.1f°, shear %+.2f, blur r%d, %d..%d, noise %.0f, jpeg q35",
              i,
              side,
              angle,
              shear,
              blur,
              dark,
              Math.min(255, light),
              noise);
      photos.add(new Photo(description, QrPictures.jpeg(photo, 0.35f)));
    }
    return photos;
  }

  /** The seed of the askew set (phone held at an angle) the test and the README's row use. */
  static final long ASKEW_SEED = 20261203L;

  /**
   * Phone photos of the code held at an angle: the camera tilted 15–55° away from the paper (so the
   * code is a trapezoid, its far side smaller), turned any way in the frame, 90–210 px wide, mildly
   * soft, dim, noisy, JPEG quality 50. Easier than {@link #photos} pixel by pixel, but perspective,
   * which no affine placement of the modules fits.
   */
  static List<Photo> askew(String content, int count, long seed) {
    BufferedImage qr = QrPictures.qr(content);
    List<Photo> photos = new ArrayList<>();
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      int side = 90 + random.nextInt(120);
      double tilt = 15 + random.nextDouble() * 40;
      double turn = random.nextDouble() * 360;
      double focal = 250 + random.nextDouble() * 250;
      int dark = 30 + random.nextInt(60);
      int light = 170 + random.nextInt(80);
      double noise = 6 + random.nextDouble() * 8;
      long noiseSeed = random.nextLong();
      BufferedImage photo =
          QrPictures.noise(
              QrPictures.lowContrast(
                  QrPictures.blur(seenAtAnAngle(qr, side, tilt, turn, focal, 400, 300), 1),
                  dark,
                  light),
              noise,
              noiseSeed);
      String description =
          String.format(
              java.util.Locale.ROOT,
              "%02d %3d px, tilted %4.1f°, turned %5.1f°, focal %3.0f px, %d..%d, noise %.0f, jpeg q50",
              i,
              side,
              tilt,
              turn,
              focal,
              dark,
              light,
              noise);
      photos.add(new Photo(description, QrPictures.jpeg(photo, 0.5f)));
    }
    return photos;
  }

  /**
   * The code, {@code side} px wide, on paper seen by a pinhole camera of focal length {@code focal}
   * px whose axis is tilted {@code tilt}° from the paper's normal about an axis turned {@code
   * turn}° in the frame: each frame pixel's ray is intersected with the paper (bilinear sampling).
   */
  private static BufferedImage seenAtAnAngle(
      BufferedImage code, int side, double tilt, double turn, double focal, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    double t = Math.toRadians(tilt);
    double r = Math.toRadians(turn);
    int n = code.getWidth();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double u = x - width / 2.0;
        double v = y - height / 2.0;
        double ut = u * Math.cos(r) + v * Math.sin(r);
        double vt = -u * Math.sin(r) + v * Math.cos(r);
        // Paper point (px, py) projects to (f px / (f + py sin t), f py cos t / (f + py sin t)).
        double py = focal * vt / (focal * Math.cos(t) - vt * Math.sin(t));
        double px = ut * (focal + py * Math.sin(t)) / focal;
        double sx = (px / side + 0.5) * n;
        double sy = (py / side + 0.5) * n;
        int grey = 255;
        if (sx >= 0 && sy >= 0 && sx < n - 1 && sy < n - 1) {
          int x0 = (int) sx;
          int y0 = (int) sy;
          double fx = sx - x0;
          double fy = sy - y0;
          double top =
              (code.getRGB(x0, y0) & 0xff) * (1 - fx) + (code.getRGB(x0 + 1, y0) & 0xff) * fx;
          double bottom =
              (code.getRGB(x0, y0 + 1) & 0xff) * (1 - fx)
                  + (code.getRGB(x0 + 1, y0 + 1) & 0xff) * fx;
          grey = (int) Math.round(top * (1 - fy) + bottom * fy);
        }
        out.setRGB(x, y, grey << 16 | grey << 8 | grey);
      }
    }
    return out;
  }

  /** The code rotated and sheared about its centre, somewhere on a white frame. */
  private static BufferedImage placed(
      BufferedImage code, double degrees, double shear, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    AffineTransform t = new AffineTransform();
    t.translate(width / 2.0, height / 2.0);
    t.rotate(Math.toRadians(degrees));
    t.shear(shear, 0);
    t.translate(-code.getWidth() / 2.0, -code.getHeight() / 2.0);
    g.drawImage(code, t, null);
    g.dispose();
    return out;
  }
}
