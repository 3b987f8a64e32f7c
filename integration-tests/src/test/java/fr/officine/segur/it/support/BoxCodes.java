package fr.officine.segur.it.support;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Medicine boxes' GS1 DataMatrix codes, as a pack printer encodes them (GS1 General Specifications:
 * FNC1 first, AI 01 GTIN-14 = 0 + CIP13, 17 expiry YYMMDD, 10 lot, 21 serial, GS after a
 * variable-length field that is not the last).
 */
public final class BoxCodes {
  public static final String GS = "\u001d";

  private BoxCodes() {}

  /** The element string in the usual order (01, 17, 10, GS, 21). */
  public static String elementString(String cip13, LocalDate expiry, String lot, String serial) {
    return "01"
        + "0"
        + cip13
        + "17"
        + expiry.format(DateTimeFormatter.ofPattern("yyMMdd"))
        + "10"
        + lot
        + GS
        + "21"
        + serial;
  }

  /** The DataMatrix in GS1 mode (each GS encoded as FNC1), {@code module} pixels per module. */
  public static BufferedImage dataMatrix(String elementString, int module) {
    BitMatrix m =
        new DataMatrixWriter()
            .encode(
                elementString,
                BarcodeFormat.DATA_MATRIX,
                0,
                0,
                Map.of(
                    EncodeHintType.GS1_FORMAT, true,
                    // ZXing honours GS1_FORMAT in its minimal encoder only
                    EncodeHintType.DATA_MATRIX_COMPACT, true,
                    EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE));
    int quiet = 2;
    BufferedImage image =
        new BufferedImage(
            (m.getWidth() + 2 * quiet) * module,
            (m.getHeight() + 2 * quiet) * module,
            BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int mx = x / module - quiet;
        int my = y / module - quiet;
        boolean dark =
            mx >= 0 && my >= 0 && mx < m.getWidth() && my < m.getHeight() && m.get(mx, my);
        image.setRGB(x, y, dark ? 0x000000 : 0xffffff);
      }
    }
    return image;
  }
}
