package fr.officine.segur.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Real QR pictures for the scan tests and the benchmarks: encoded by ZXing like the sandbox's
 * prescriber tool, then damaged the way counters damage them (java.awt only, no fixtures to trust).
 * The integration tests use them too, through the module's test jar (one source, issue 14 §7).
 */
public final class QrPictures {
  public static final String NUMBER = "01S2TBPZ2JCNZZYGHZ";

  private QrPictures() {}

  /** A picture and its media type. */
  public record Picture(byte[] bytes, String mediaType) {}

  /** The QR as printed: 8 px per module, quiet zone of 4 modules, error correction M. */
  public static BufferedImage qr(String content, int size) {
    try {
      BitMatrix m =
          new QRCodeWriter()
              .encode(
                  content,
                  BarcodeFormat.QR_CODE,
                  size,
                  size,
                  Map.of(
                      EncodeHintType.MARGIN,
                      4,
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M));
      BufferedImage image =
          new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < m.getHeight(); y++) {
        for (int x = 0; x < m.getWidth(); x++) {
          image.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xffffff);
        }
      }
      return image;
    } catch (WriterException e) {
      throw new IllegalStateException(e);
    }
  }

  public static BufferedImage qr(String content) {
    return qr(content, 232);
  }

  /** Rotated about its centre on a white canvas large enough for any angle. */
  public static BufferedImage rotate(BufferedImage src, double degrees) {
    int side = (int) Math.ceil(Math.hypot(src.getWidth(), src.getHeight())) + 20;
    BufferedImage out = white(side, side);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    AffineTransform t = new AffineTransform();
    t.translate(side / 2.0, side / 2.0);
    t.rotate(Math.toRadians(degrees));
    t.translate(-src.getWidth() / 2.0, -src.getHeight() / 2.0);
    g.drawImage(src, t, null);
    g.dispose();
    return out;
  }

  public static BufferedImage scale(BufferedImage src, int side) {
    BufferedImage out = white(side, side * src.getHeight() / src.getWidth());
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(src, 0, 0, out.getWidth(), out.getHeight(), null);
    g.dispose();
    return out;
  }

  /** Gaussian blur of the given radius (sigma = radius / 2), as an out-of-focus webcam gives. */
  public static BufferedImage blur(BufferedImage src, int radius) {
    int size = radius * 2 + 1;
    float[] kernel = new float[size * size];
    double sigma = Math.max(0.5, radius / 2.0);
    double sum = 0;
    for (int y = -radius; y <= radius; y++) {
      for (int x = -radius; x <= radius; x++) {
        double v = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
        kernel[(y + radius) * size + x + radius] = (float) v;
        sum += v;
      }
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] /= (float) sum;
    }
    // Pad with white first so the edges do not turn black (EDGE_ZERO_FILL).
    BufferedImage padded = white(src.getWidth() + 2 * radius, src.getHeight() + 2 * radius);
    Graphics2D g = padded.createGraphics();
    g.drawImage(src, radius, radius, null);
    g.dispose();
    return new ConvolveOp(new Kernel(size, size, kernel), ConvolveOp.EDGE_NO_OP, null)
        .filter(padded, null);
  }

  /** Gaussian sensor noise of the given standard deviation (grey levels), reproducible. */
  public static BufferedImage noise(BufferedImage src, double sigma, long seed) {
    Random random = new Random(seed);
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        int v = src.getRGB(x, y) & 0xff;
        int n = (int) Math.max(0, Math.min(255, v + random.nextGaussian() * sigma));
        out.setRGB(x, y, n << 16 | n << 8 | n);
      }
    }
    return out;
  }

  /** Black becomes {@code dark}, white becomes {@code light}: a faded print under a dim webcam. */
  public static BufferedImage lowContrast(BufferedImage src, int dark, int light) {
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        int v = src.getRGB(x, y) & 0xff;
        int n = dark + (light - dark) * v / 255;
        out.setRGB(x, y, n << 16 | n << 8 | n);
      }
    }
    return out;
  }

  public static BufferedImage inverted(BufferedImage src) {
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        out.setRGB(x, y, ~src.getRGB(x, y) & 0xffffff);
      }
    }
    return out;
  }

  /**
   * The code placed small near the bottom right of an A4 page scanned at 150 dpi, with text around.
   */
  public static BufferedImage onPage(BufferedImage code, int width, int height) {
    BufferedImage page = white(width, height);
    Graphics2D g = page.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 22));
    g.drawString("Dr Jean DUPONT - Médecine générale - RPPS 10100000016", 80, 120);
    g.drawString("Lyon, le 23 novembre 2026", 80, 160);
    g.drawString("Mme ADRUN Zoé, née le 31/12/1975", 80, 240);
    for (int i = 0; i < 12; i++) {
      g.drawString(
          "DOLIPRANE 1000 mg, comprimé : 1 comprimé 3 fois par jour pendant 5 jours " + i,
          80,
          320 + 40 * i);
    }
    int x = width - code.getWidth() - 120;
    int y = height - code.getHeight() - 160;
    g.drawImage(code, x, y, null);
    g.drawString(NUMBER, x - 20, y + code.getHeight() + 30);
    g.dispose();
    return page;
  }

  /**
   * The damaged pictures the counter must read, in a fixed order (tests and benchmark share it).
   */
  public static Map<String, Picture> damagedPictures(String content) {
    return damagedPictures(qr(content));
  }

  /** The same damages applied to a code printed elsewhere (the sandbox's prescriber tool). */
  public static Map<String, Picture> damagedPictures(BufferedImage qr) {
    Map<String, Picture> pictures = new LinkedHashMap<>();
    pictures.put("as printed", png(qr));
    pictures.put("rotated 90", png(rotate(qr, 90)));
    pictures.put("rotated 180", png(rotate(qr, 180)));
    pictures.put("rotated 270", png(rotate(qr, 270)));
    pictures.put("tilted 17", png(rotate(qr, 17)));
    pictures.put("scaled down to 120 px", png(scale(qr, 120)));
    pictures.put("scaled down to 80 px", png(scale(qr, 80)));
    pictures.put("blurred (gaussian r=3)", png(blur(qr, 3)));
    pictures.put("noisy (sigma 60)", png(noise(qr, 60, 7)));
    pictures.put("low contrast (110..150)", png(lowContrast(qr, 110, 150)));
    pictures.put("jpeg quality 30", jpeg(qr, 0.3f));
    pictures.put("inverted (light on dark)", png(inverted(qr)));
    pictures.put(
        "small on a scanned page (jpeg q50)", jpeg(onPage(scale(qr, 160), 1240, 1754), 0.5f));
    pictures.put(
        "phone photo: tilted, blurred, noisy, dim, jpeg q30",
        jpeg(noise(lowContrast(blur(rotate(scale(qr, 300), 11), 2), 60, 190), 20, 3), 0.3f));
    pictures.put("12 Mpx photo of a page", jpeg(onPage(scale(qr, 360), 4000, 3000), 0.7f));
    return pictures;
  }

  /** A picture as the module receives it, read back into pixels. */
  public static BufferedImage read(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Picture png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return new Picture(out.toByteArray(), "image/png");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Picture jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      BufferedImage rgb =
          new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = rgb.createGraphics();
      g.drawImage(image, 0, 0, null);
      g.dispose();
      writer.write(null, new IIOImage(rgb, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return new Picture(out.toByteArray(), "image/jpeg");
  }

  /**
   * A valid, complete PNG of {@code width} × {@code height} white 1-bit pixels, written row by row
   * through a deflater: a few tens of kB on disk, width × height pixels once decoded. Built without
   * ever holding the pixels (one row buffer).
   */
  public static byte[] decompressionBomb(int width, int height) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream header = new DataOutputStream(ihdr);
      header.writeInt(width);
      header.writeInt(height);
      header.writeByte(1); // bit depth
      header.writeByte(0); // greyscale
      header.writeByte(0); // deflate
      header.writeByte(0); // adaptive filtering
      header.writeByte(0); // no interlace
      chunk(png, "IHDR", ihdr.toByteArray());
      ByteArrayOutputStream idat = new ByteArrayOutputStream();
      try (OutputStream deflate = new DeflaterOutputStream(idat)) {
        byte[] row = new byte[1 + (width + 7) / 8];
        java.util.Arrays.fill(row, 1, row.length, (byte) 0xff);
        for (int y = 0; y < height; y++) {
          deflate.write(row);
        }
      }
      chunk(png, "IDAT", idat.toByteArray());
      chunk(png, "IEND", new byte[0]);
      return png.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data)
      throws IOException {
    DataOutputStream out = new DataOutputStream(png);
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeInt(data.length);
    out.write(typeBytes);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }

  private static BufferedImage white(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }
}
