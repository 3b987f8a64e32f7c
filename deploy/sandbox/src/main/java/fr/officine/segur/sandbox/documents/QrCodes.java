package fr.officine.segur.sandbox.documents;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The 2D code of a prescription. Payload = the bare 18-character number: the real payload syntax
 * (SEL-SFG-023) is not public, and the number alone is what a pharmacist types when the code is
 * unreadable. Error correction M survives a creased or stained paper; the 4-module quiet zone is
 * the QR standard's.
 */
public final class QrCodes {
  private static final int SIZE_PX = 300;
  private static final Map<EncodeHintType, Object> HINTS =
      Map.of(
          EncodeHintType.ERROR_CORRECTION,
          ErrorCorrectionLevel.M,
          EncodeHintType.MARGIN,
          4,
          EncodeHintType.CHARACTER_SET,
          "ISO-8859-1");

  public BufferedImage image(String number) {
    return MatrixToImageWriter.toBufferedImage(matrix(number));
  }

  public byte[] png(String number) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MatrixToImageWriter.writeToStream(matrix(number), "PNG", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BitMatrix matrix(String number) {
    try {
      return new QRCodeWriter().encode(number, BarcodeFormat.QR_CODE, SIZE_PX, SIZE_PX, HINTS);
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode " + number, e);
    }
  }
}
