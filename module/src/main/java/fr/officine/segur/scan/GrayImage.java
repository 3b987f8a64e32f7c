package fr.officine.segur.scan;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;

/**
 * An 8-bit luminance image, the only form the QR decoder needs. The transforms here are the cheap
 * repairs tried on pictures ZXing cannot read as they are: scale (a QR module should cover a few
 * pixels, not one or fifty), contrast stretch (faded print, dim webcam), blur (sensor noise).
 */
final class GrayImage {
  private final int width;
  private final int height;
  private final byte[] pixels;

  GrayImage(int width, int height, byte[] pixels) {
    if (pixels.length != width * height) {
      throw new IllegalArgumentException("pixels do not match " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.pixels = pixels;
  }

  /** Luminance with the weights ZXing uses; transparent pixels count as paper (white). */
  static GrayImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[w * h];
    // What ImageIO's JPEG and grey PNG readers return: read the bytes directly, several times
    // faster than getRGB's per-pixel colour-model conversion on a 12 Mpx photo.
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && isPlain(image, 3)) {
      byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int i = 0, j = 0; i < out.length; i++, j += 3) {
        int b = bgr[j] & 0xff;
        int g = bgr[j + 1] & 0xff;
        int r = bgr[j + 2] & 0xff;
        out[i] = (byte) ((306 * r + 601 * g + 117 * b + 0x200) >> 10);
      }
      return new GrayImage(w, h, out);
    }
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY && isPlain(image, 1)) {
      byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      System.arraycopy(grey, 0, out, 0, out.length);
      return new GrayImage(w, h, out);
    }
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int a = argb >>> 24;
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        int lum = (306 * r + 601 * g + 117 * b + 0x200) >> 10;
        if (a < 0xff) {
          lum = (lum * a + 0xff * (0xff - a)) / 0xff;
        }
        out[y * w + x] = (byte) lum;
      }
    }
    return new GrayImage(w, h, out);
  }

  /** A raster whose buffer is exactly the image's pixels, row after row, no padding or offset. */
  private static boolean isPlain(BufferedImage image, int bytesPerPixel) {
    WritableRaster raster = image.getRaster();
    return raster.getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getNumBanks() == 1
        && buffer.getOffset() == 0
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0
        && raster.getSampleModel() instanceof ComponentSampleModel model
        && model.getScanlineStride() == image.getWidth() * bytesPerPixel
        && model.getPixelStride() == bytesPerPixel
        && buffer.getData().length >= image.getWidth() * image.getHeight() * bytesPerPixel;
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** The backing array, shared: callers must not write to it. */
  byte[] pixels() {
    return pixels;
  }

  int maxSide() {
    return Math.max(width, height);
  }

  /** Mean of each factor × factor block: a downscale that averages noise instead of aliasing. */
  GrayImage downscaled(int factor) {
    if (factor <= 1) {
      return this;
    }
    int w = width / factor;
    int h = height / factor;
    if (w < 1 || h < 1) {
      return this;
    }
    byte[] out = new byte[w * h];
    int area = factor * factor;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sum = 0;
        for (int dy = 0; dy < factor; dy++) {
          int base = (y * factor + dy) * width + x * factor;
          for (int dx = 0; dx < factor; dx++) {
            sum += pixels[base + dx] & 0xff;
          }
        }
        out[y * w + x] = (byte) (sum / area);
      }
    }
    return new GrayImage(w, h, out);
  }

  /** Bilinear upscale: gives the binarizer's 8×8 blocks enough pixels on a tiny, soft code. */
  GrayImage upscaled(int factor) {
    if (factor <= 1) {
      return this;
    }
    int w = width * factor;
    int h = height * factor;
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      float sy = Math.max(0, (y + 0.5f) / factor - 0.5f);
      int y0 = Math.min((int) sy, height - 1);
      int y1 = Math.min(y0 + 1, height - 1);
      float fy = sy - y0;
      for (int x = 0; x < w; x++) {
        float sx = Math.max(0, (x + 0.5f) / factor - 0.5f);
        int x0 = Math.min((int) sx, width - 1);
        int x1 = Math.min(x0 + 1, width - 1);
        float fx = sx - x0;
        float top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
        float bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
        out[y * w + x] = (byte) Math.round(top * (1 - fy) + bottom * fy);
      }
    }
    return new GrayImage(w, h, out);
  }

  /**
   * Maps the 1st..99th percentile of the histogram onto 0..255: a grey-on-grey code becomes black
   * on white. Percentiles rather than min/max so that a few noisy pixels do not cancel the stretch.
   */
  GrayImage contrastStretched() {
    int[] histogram = new int[256];
    for (byte p : pixels) {
      histogram[p & 0xff]++;
    }
    int total = pixels.length;
    int low = percentile(histogram, total / 100);
    int high = percentile(histogram, total - 1 - total / 100);
    if (high - low < 2 || (low == 0 && high == 255)) {
      return this;
    }
    byte[] lut = new byte[256];
    for (int v = 0; v < 256; v++) {
      int stretched = (v - low) * 255 / (high - low);
      lut[v] = (byte) Math.max(0, Math.min(255, stretched));
    }
    byte[] out = new byte[total];
    for (int i = 0; i < total; i++) {
      out[i] = lut[pixels[i] & 0xff];
    }
    return new GrayImage(width, height, out);
  }

  /** 3×3 mean: removes salt-and-pepper noise that breaks finder-pattern detection. */
  GrayImage boxBlurred() {
    byte[] out = new byte[pixels.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int sum = 0;
        int n = 0;
        for (int dy = -1; dy <= 1; dy++) {
          int yy = y + dy;
          if (yy < 0 || yy >= height) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx;
            if (xx >= 0 && xx < width) {
              sum += pixels[yy * width + xx] & 0xff;
              n++;
            }
          }
        }
        out[y * width + x] = (byte) (sum / n);
      }
    }
    return new GrayImage(width, height, out);
  }

  /**
   * Unsharp mask (this + amount × (this − 3×3 mean)): restores the module edges an out-of-focus
   * phone camera softens, so that the binarizer's threshold falls between modules again.
   */
  GrayImage sharpened(int amountPercent) {
    byte[] blurred = boxBlurred().pixels;
    byte[] out = new byte[pixels.length];
    for (int i = 0; i < out.length; i++) {
      int v = pixels[i] & 0xff;
      int sharp = v + (v - (blurred[i] & 0xff)) * amountPercent / 100;
      out[i] = (byte) Math.max(0, Math.min(255, sharp));
    }
    return new GrayImage(width, height, out);
  }

  private int at(int x, int y) {
    return pixels[y * width + x] & 0xff;
  }

  private static int percentile(int[] histogram, int rank) {
    int seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += histogram[v];
      if (seen > rank) {
        return v;
      }
    }
    return 255;
  }
}
