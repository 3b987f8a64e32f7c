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

  /** The code rotated and sheared about its centre, somewhere on a white frame. */
  private static BufferedImage placed(BufferedImage code, double degrees, double shear, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
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
