package fr.officine.segur.scan;

/**
 * Counts the scans (SOS segments) of a JPEG by walking its markers, without decoding anything.
 *
 * <p>Why: a progressive JPEG is decoded scan by scan, and every scan walks every block of the
 * picture again. Its cost is pixels × scans, and the header only says the pixels: a 114 KB file of
 * 4000 × 5000 pixels with a thousand tiny refinement scans kept ImageIO's {@code read} busy for 60
 * s (issue 11 §3), inside native code where no budget or abort reaches it. Counted before the
 * decode, the work is known before it is paid for. libjpeg-turbo's own answer to the same attack is
 * a scan limit ({@code djpeg -maxscans}, {@code TJPARAM_SCANLIMIT}).
 */
final class JpegScans {
  private JpegScans() {}

  /**
   * The number of scans; counting stops at EOI or at the first thing that is not a marker where one
   * is expected (a damaged file is then the decoder's business, as before).
   */
  static int count(byte[] b) {
    int scans = 0;
    int i = 2; // after SOI
    while (i + 1 < b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        return scans;
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) {
        i++; // fill byte before a marker
        continue;
      }
      if (marker == 0xD9) {
        return scans; // EOI
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        i += 2; // TEM, RSTn: no length
        continue;
      }
      if (i + 3 >= b.length) {
        return scans;
      }
      int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      i += 2 + length;
      if (marker == 0xDA) {
        scans++;
        i = afterEntropyCodedData(b, i);
      }
    }
    return scans;
  }

  /**
   * The index of the next marker after a scan's data (0xFF00 is a stuffed byte, RSTn is inside).
   */
  private static int afterEntropyCodedData(byte[] b, int i) {
    while (i + 1 < b.length) {
      if ((b[i] & 0xFF) == 0xFF) {
        int next = b[i + 1] & 0xFF;
        if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
          i += 2;
          continue;
        }
        if (next == 0xFF) {
          i++;
          continue;
        }
        return i;
      }
      i++;
    }
    return b.length;
  }
}
