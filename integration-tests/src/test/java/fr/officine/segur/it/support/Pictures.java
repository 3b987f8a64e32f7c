package fr.officine.segur.it.support;

import java.awt.Color;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** What happens to a QR code between the paper and the scan endpoint: the camera's doing. */
public final class Pictures {
  private Pictures() {}

  public static BufferedImage read(byte[] image) {
    try {
      return ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] png(BufferedImage image) {
    return write(image, "png");
  }

  /** JPEG at the given quality (0–1): a cheap webcam or a messaging app's recompression. */
  public static byte[] jpeg(BufferedImage image, float quality) {
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.createGraphics().drawImage(image, 0, 0, Color.WHITE, null);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(rgb, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** The code photographed at an angle, on a white page. */
  public static BufferedImage rotate(BufferedImage image, double degrees) {
    int side = (int) Math.ceil(Math.hypot(image.getWidth(), image.getHeight())) + 40;
    BufferedImage out = blank(side, side);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    AffineTransform t = new AffineTransform();
    t.translate(side / 2.0, side / 2.0);
    t.rotate(Math.toRadians(degrees));
    t.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
    g.drawImage(image, t, null);
    g.dispose();
    return out;
  }

  public static BufferedImage scale(BufferedImage image, int width) {
    int height = image.getHeight() * width / image.getWidth();
    BufferedImage out = blank(width, height);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return out;
  }

  /** A slightly out-of-focus camera: a 3×3 box blur applied {@code passes} times. */
  public static BufferedImage blur(BufferedImage image, int passes) {
    float ninth = 1f / 9f;
    ConvolveOp op =
        new ConvolveOp(
            new Kernel(
                3, 3, new float[] {ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth}),
            ConvolveOp.EDGE_NO_OP,
            null);
    BufferedImage out = toRgb(image);
    for (int i = 0; i < passes; i++) {
      out = op.filter(out, null);
    }
    return out;
  }

  /** Sensor noise: each channel moved by up to ±amplitude, seeded so the test is repeatable. */
  public static BufferedImage noise(BufferedImage image, int amplitude, long seed) {
    Random random = new Random(seed);
    BufferedImage out = toRgb(image);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        int rgb = out.getRGB(x, y);
        int v = clamp(((rgb >> 16) & 0xff) + random.nextInt(2 * amplitude + 1) - amplitude);
        out.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    return out;
  }

  /** The QR printed small in a corner of an A4-ish page, as a flat-bed scan gives it. */
  public static BufferedImage onPage(BufferedImage qr, int pageWidth, int pageHeight) {
    BufferedImage page = blank(pageWidth, pageHeight);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.DARK_GRAY);
    for (int y = 40; y < pageHeight - 40; y += 28) {
      g.drawString(
          "Dr Jeanne DURAND — DOLIPRANE 1000 mg, 1 cp 3 fois par jour pendant 5 jours", 30, y);
    }
    g.drawImage(qr, pageWidth - qr.getWidth() - 40, pageHeight - qr.getHeight() - 40, null);
    g.dispose();
    return page;
  }

  /**
   * A PNG whose header declares width × height pixels (1-bit grey, all black) and whose compressed
   * data really holds them: a few tens of KB that would inflate to width × height / 8 bytes.
   */
  public static byte[] decompressionBomb(int width, int height) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(png);
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream h = new DataOutputStream(ihdr);
      h.writeInt(width);
      h.writeInt(height);
      h.write(
          new byte[] {1, 0, 0, 0, 0}); // bit depth 1, greyscale, deflate, filter 0, no interlace
      chunk(out, "IHDR", ihdr.toByteArray());
      ByteArrayOutputStream idat = new ByteArrayOutputStream();
      byte[] row = new byte[1 + (width + 7) / 8];
      try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
        for (int y = 0; y < height; y++) {
          z.write(row);
        }
      }
      chunk(out, "IDAT", idat.toByteArray());
      chunk(out, "IEND", new byte[0]);
      return png.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeInt(data.length);
    out.write(typeBytes);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }

  private static byte[] write(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static BufferedImage blank(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  private static BufferedImage toRgb(BufferedImage image) {
    BufferedImage out = blank(image.getWidth(), image.getHeight());
    out.createGraphics().drawImage(image, 0, 0, null);
    return out;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
