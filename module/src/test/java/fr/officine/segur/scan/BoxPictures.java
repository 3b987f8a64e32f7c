package fr.officine.segur.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** GS1 DataMatrix pictures of medicine boxes, encoded by ZXing as a pack printer would. */
public final class BoxPictures {
  private BoxPictures() {}

  /**
   * The element string with GS (0x1D) where FNC1 separators go; GS1 mode puts FNC1 first and each
   * GS as FNC1 (ZXing's minimal encoder, the one that honours GS1_FORMAT). {@code module} pixels
   * per module, a quiet zone of 2 modules.
   */
  public static BufferedImage gs1DataMatrix(String elementString, int module) {
    BitMatrix m =
        new DataMatrixWriter()
            .encode(
                elementString,
                BarcodeFormat.DATA_MATRIX,
                0,
                0,
                Map.of(
                    EncodeHintType.GS1_FORMAT, true,
                    EncodeHintType.DATA_MATRIX_COMPACT, true,
                    EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE));
    int quiet = 2;
    int side = (m.getWidth() + 2 * quiet) * module;
    BufferedImage image =
        new BufferedImage(side, (m.getHeight() + 2 * quiet) * module, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < side; x++) {
        int mx = x / module - quiet;
        int my = y / module - quiet;
        boolean dark =
            mx >= 0 && my >= 0 && mx < m.getWidth() && my < m.getHeight() && m.get(mx, my);
        image.setRGB(x, y, dark ? 0x000000 : 0xffffff);
      }
    }
    return image;
  }

  /**
   * A box's element string: Kardégic's CIP13, expiry May 2027, a lot and a serial (GS before AI
   * 21).
   */
  static final String KARDEGIC =
      "01" + "03400933216146" + "17270500" + "10K75-2409" + "\u001d" + "21SN42";

  /** What ZXing reads from it: GS1 mode's leading FNC1 comes out as a GS too. */
  static final String KARDEGIC_AS_READ = "\u001d" + KARDEGIC;

  /** The seed of the box photo set the test and the README's row use. */
  static final long PHOTO_SEED = 20261204L;

  /**
   * Phone or webcam photos of a box's DataMatrix (issue 15 §2: the decoder serves both codes): 2.5
   * to 5 px per module, turned any way, soft, dim, noisy, JPEG quality 50, on a 320 × 240 frame.
   */
  static List<DegradedQrPhotos.Photo> degradedPhotos(String elementString, int count, long seed) {
    BufferedImage code = gs1DataMatrix(elementString, 8);
    List<DegradedQrPhotos.Photo> photos = new ArrayList<>();
    Random random = new Random(seed);
    int modules = code.getWidth() / 8;
    for (int i = 0; i < count; i++) {
      double perModule = 2.5 + random.nextDouble() * 2.5;
      int side = (int) Math.round(modules * perModule);
      double angle = random.nextDouble() * 360;
      int blur = random.nextInt(2);
      int dark = 30 + random.nextInt(60);
      int light = dark + 80 + random.nextInt(90);
      double noise = 6 + random.nextDouble() * 12;
      long noiseSeed = random.nextLong();
      BufferedImage turned = QrPictures.rotate(QrPictures.scale(code, side), angle);
      BufferedImage framed = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
      java.awt.Graphics2D g = framed.createGraphics();
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, 320, 240);
      g.drawImage(turned, (320 - turned.getWidth()) / 2, (240 - turned.getHeight()) / 2, null);
      g.dispose();
      BufferedImage soft = blur > 0 ? QrPictures.blur(framed, blur) : framed;
      BufferedImage photo =
          QrPictures.noise(
              QrPictures.lowContrast(soft, dark, Math.min(255, light)), noise, noiseSeed);
      String description =
          String.format(
              Locale.ROOT,
              "%02d %3d px (%.1f px/module), %5.1f°, blur r%d, %d..%d, noise %.0f, jpeg q50",
              i,
              side,
              perModule,
              angle,
              blur,
              dark,
              Math.min(255, light),
              noise);
      photos.add(new DegradedQrPhotos.Photo(description, QrPictures.jpeg(photo, 0.5f)));
    }
    return photos;
  }
}
