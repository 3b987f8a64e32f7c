package fr.officine.segur.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import java.awt.image.BufferedImage;
import java.util.Map;

/** GS1 DataMatrix pictures of medicine boxes, encoded by ZXing as a pack printer would. */
final class BoxPictures {
  private BoxPictures() {}

  /**
   * The element string with GS (0x1D) where FNC1 separators go; GS1 mode puts FNC1 first and each
   * GS as FNC1 (ZXing's minimal encoder, the one that honours GS1_FORMAT). {@code module} pixels per
   * module, a quiet zone of 2 modules.
   */
  static BufferedImage gs1DataMatrix(String elementString, int module) {
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
    BufferedImage image = new BufferedImage(side, (m.getHeight() + 2 * quiet) * module, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < side; x++) {
        int mx = x / module - quiet;
        int my = y / module - quiet;
        boolean dark = mx >= 0 && my >= 0 && mx < m.getWidth() && my < m.getHeight() && m.get(mx, my);
        image.setRGB(x, y, dark ? 0x000000 : 0xffffff);
      }
    }
    return image;
  }
}
