package fr.officine.segur.scan;

import boofcv.abst.fiducial.QrCodeDetector;
import boofcv.alg.fiducial.qrcode.QrCode;
import boofcv.concurrency.BoofConcurrency;
import boofcv.factory.fiducial.FactoryFiducial;
import boofcv.struct.image.GrayU8;
import java.util.ArrayList;
import java.util.List;

/**
 * BoofCV's QR code detector, the second decoder {@link QrDecoder} tries where ZXing gives up.
 *
 * <p>Why a second one: ZXing places the modules of a version 1–2 code (no alignment pattern, as the
 * prescription's 18-character QR) from its three finder patterns alone, as a parallelogram, so a
 * code photographed at an angle (perspective) is sampled wrong and not read; BoofCV fits each
 * finder pattern's square outline and so the full perspective. It also finds small, soft codes
 * ZXing's row scan misses. Measured in the README (Benchmarks, degraded phone photos).
 */
final class BoofCvQrReader {
  static {
    // BoofCV would otherwise spread one detection over its own thread pool: the decode permits
    // (ScanLimits.concurrentDecodes) are what bounds the CPU given to pictures, one thread each.
    BoofConcurrency.USE_CONCURRENT = false;
  }

  /** The texts of the QR codes found, in BoofCV's order; empty when none is read. */
  List<String> read(GrayImage image) {
    // A detector per call: BoofCV's keep per-image state and are not thread-safe.
    QrCodeDetector<GrayU8> detector = FactoryFiducial.qrcode(null, GrayU8.class);
    GrayU8 gray = new GrayU8(image.width(), image.height());
    // A copy: GrayImage's pixels are shared between attempts and must stay as they are.
    System.arraycopy(image.pixels(), 0, gray.data, 0, image.pixels().length);
    try {
      detector.process(gray);
    } catch (RuntimeException e) {
      // A degenerate picture (a line of pixels, one colour): nothing read, as with ZXing.
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    for (QrCode code : detector.getDetections()) {
      if (code.message != null) {
        texts.add(code.message);
      }
    }
    return texts;
  }
}
