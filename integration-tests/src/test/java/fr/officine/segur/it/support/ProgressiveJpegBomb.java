package fr.officine.segur.it.support;

import java.io.ByteArrayOutputStream;

/**
 * The hostile picture of issue 11 §3, written byte by byte: a grey progressive JPEG of 4000 × 5000
 * pixels (20 Mpx, exactly the size limit, so its header passes) whose data is one DC scan and one
 * AC scan, then {@code refinements} copies of one AC refinement scan of ~30 bytes (the 312 500
 * blocks covered by ten end-of-band runs). Each refinement scan makes the decoder walk every
 * coefficient of every block again; a thousand of them held ImageIO's {@code read} for a minute.
 *
 * <p>Layout (ITU-T T.81): SOI, DQT, SOF2 (one component), DHT DC (one 1-bit code: category 0), DHT
 * AC (one 1-bit code: symbol 0xE0 = EOB run of 2^14 + 14 bits), SOS DC first (one 0 bit per block),
 * SOS AC first (Ss 1, Se 63, Al 1), refinement SOS (Ah 1, Al 0) × n, EOI.
 */
public final class ProgressiveJpegBomb {
  public static final int WIDTH = 4000;
  public static final int HEIGHT = 5000;

  private ProgressiveJpegBomb() {}

  public static byte[] of(int refinements) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bytes(out, 0xFF, 0xD8);
    // DQT: table 0, all ones
    bytes(out, 0xFF, 0xDB, 0x00, 0x43, 0x00);
    for (int i = 0; i < 64; i++) {
      out.write(1);
    }
    // SOF2: 8 bits, height, width, 1 component (id 1, 1x1 sampling, table 0)
    bytes(
        out,
        0xFF,
        0xC2,
        0x00,
        0x0B,
        0x08,
        HEIGHT >> 8,
        HEIGHT & 0xFF,
        WIDTH >> 8,
        WIDTH & 0xFF,
        0x01,
        0x01,
        0x11,
        0x00);
    huffmanTable(out, 0x00, 0x00); // DC 0: one code of 1 bit, category 0 (difference 0)
    huffmanTable(out, 0x10, 0xE0); // AC 0: one code of 1 bit, EOB14 (run of 16384..32767 blocks)
    int blocks = (WIDTH / 8) * (HEIGHT / 8);
    // DC first scan: one '0' bit per block
    sos(out, 0, 0, 0x00);
    BitWriter dc = new BitWriter();
    for (int i = 0; i < blocks; i++) {
      dc.bits(0, 1);
    }
    out.writeBytes(dc.finish());
    // AC first scan with Al = 1, then the refinements (Ah = 1, Al = 0): only end-of-band runs
    byte[] runs = eobRuns(blocks);
    sos(out, 1, 63, 0x01);
    out.writeBytes(runs);
    for (int i = 0; i < refinements; i++) {
      sos(out, 1, 63, 0x10);
      out.writeBytes(runs);
    }
    bytes(out, 0xFF, 0xD9);
    return out.toByteArray();
  }

  private static byte[] eobRuns(int blocks) {
    BitWriter w = new BitWriter();
    int left = blocks;
    while (left > 0) {
      // each run between 2^14 and 2^15 - 1 blocks; the last two split so neither is below 2^14
      int run = left > 32767 + 16384 ? 32767 : left > 32767 ? left - 16384 : left;
      w.bits(0, 1); // the one AC code: EOB14
      w.bits(run - 16384, 14);
      left -= run;
    }
    return w.finish();
  }

  private static void huffmanTable(ByteArrayOutputStream out, int classAndId, int symbol) {
    bytes(out, 0xFF, 0xC4, 0x00, 0x14, classAndId, 0x01);
    for (int i = 1; i < 16; i++) {
      out.write(0);
    }
    out.write(symbol);
  }

  private static void sos(ByteArrayOutputStream out, int ss, int se, int ahAl) {
    bytes(out, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, ss, se, ahAl);
  }

  private static void bytes(ByteArrayOutputStream out, int... values) {
    for (int v : values) {
      out.write(v);
    }
  }

  /** Entropy-coded bits, most significant first, 0xFF stuffed with 0x00, padded with 1 bits. */
  private static final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int count;

    void bits(int value, int n) {
      for (int i = n - 1; i >= 0; i--) {
        current = (current << 1) | ((value >> i) & 1);
        if (++count == 8) {
          flush();
        }
      }
    }

    private void flush() {
      out.write(current);
      if (current == 0xFF) {
        out.write(0x00);
      }
      current = 0;
      count = 0;
    }

    byte[] finish() {
      while (count != 0) {
        bits(1, 1);
      }
      return out.toByteArray();
    }
  }
}
