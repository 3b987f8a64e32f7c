package fr.officine.segur.scan;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns an uploaded picture into luminance, refusing what would cost too much before paying for it:
 * the body is read up to a byte limit, the format is told by its magic bytes, and the size declared
 * in the header (PNG IHDR, JPEG SOF) is checked before a single pixel is decoded, and so is a
 * JPEG's number of scans (the cost of a progressive JPEG is pixels × scans).
 */
final class PictureReader {
  enum Format {
    PNG("png"),
    JPEG("jpeg");

    final String imageIoName;

    Format(String imageIoName) {
      this.imageIoName = imageIoName;
    }
  }

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final ScanLimits limits;

  PictureReader(ScanLimits limits) {
    this.limits = limits;
  }

  /** The body's bytes, or PAYLOAD_TOO_LARGE as soon as one byte more than the limit arrives. */
  byte[] readBounded(InputStream body) {
    if (body == null) {
      throw new ProblemException(ProblemType.SCAN_UNREADABLE, "Aucune image reçue.");
    }
    try {
      byte[] bytes = body.readNBytes(limits.maxImageBytes() + 1);
      if (bytes.length > limits.maxImageBytes()) {
        throw new ProblemException(
            ProblemType.PAYLOAD_TOO_LARGE,
            "Image de plus de "
                + limits.maxImageBytes() / (1024 * 1024)
                + " Mo : envoyez une photo plus légère.");
      }
      return bytes;
    } catch (IOException e) {
      throw new ProblemException(
          ProblemType.SCAN_UNREADABLE, "L'image n'a pas été reçue en entier.", null, e);
    }
  }

  /**
   * The declared media type decides what is accepted; the bytes decide how it is read (a browser
   * may label a JPEG as PNG). {@code application/octet-stream} is accepted when the bytes are PNG
   * or JPEG.
   */
  GrayImage read(byte[] bytes, String mediaType, long deadlineNanos) {
    String declared = baseType(mediaType);
    boolean octetStream = declared.equals("application/octet-stream");
    if (!declared.equals("image/png")
        && !declared.equals("image/jpeg")
        && !declared.equals("image/jpg") // not registered, but sent by some phones and tools
        && !octetStream) {
      throw new ProblemException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Type « " + ScannedText.excerpt(declared) + " » non accepté : texte, PNG ou JPEG.");
    }
    Format format =
        sniff(bytes)
            .orElseThrow(
                () ->
                    octetStream
                        ? new ProblemException(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "Le fichier n'est ni une image PNG ni une image JPEG.")
                        : new ProblemException(
                            ProblemType.SCAN_UNREADABLE,
                            "Le fichier n'est pas une image PNG ou JPEG lisible."));
    return GrayImage.of(decode(bytes, format, deadlineNanos));
  }

  static Optional<Format> sniff(byte[] bytes) {
    if (startsWith(bytes, PNG_MAGIC)) {
      return Optional.of(Format.PNG);
    }
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xff
        && (bytes[1] & 0xff) == 0xd8
        && (bytes[2] & 0xff) == 0xff) {
      return Optional.of(Format.JPEG);
    }
    return Optional.empty();
  }

  private BufferedImage decode(byte[] bytes, Format format, long deadlineNanos) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + format);
    }
    ImageReader reader = readers.next();
    // In memory, never ImageIO's file cache: the bytes are already bounded.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      checkDeclaredSize(width, height);
      if (format == Format.JPEG) {
        checkScans(JpegScans.count(bytes), (long) width * height);
      }
      AbortAtDeadline abort = new AbortAtDeadline(deadlineNanos);
      reader.addIIOReadProgressListener(abort);
      BufferedImage image = reader.read(0);
      if (abort.aborted) {
        throw new ProblemException(
            ProblemType.SCAN_UNREADABLE,
            "Image trop longue à décoder dans le temps imparti : reprenez la photo (plus petite) ou tapez le numéro.");
      }
      if (image.getWidth() != width || image.getHeight() != height) {
        throw new ProblemException(
            ProblemType.SCAN_UNREADABLE,
            "Image incohérente : taille décodée différente de l'en-tête.");
      }
      return image;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProblemException problem) {
        throw problem;
      }
      throw new ProblemException(
          ProblemType.SCAN_UNREADABLE,
          "Image " + format + " endommagée ou tronquée : impossible de la lire.",
          null,
          e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * Stops ImageIO's read at the decode deadline (issue 15 §2: a picture must not hold its decode
   * permit longer than the budget). The PNG and JPEG readers report progress row by row, from the
   * reading thread, and {@link ImageReader#abort()} is allowed there; the read then returns early.
   * The one place no row is reported, a progressive JPEG's scans consumed before the first row, is
   * bounded before the read by the scan count ({@link #checkScans}, issue 11 §3).
   */
  private static final class AbortAtDeadline implements IIOReadProgressListener {
    private final long deadlineNanos;
    boolean aborted;

    AbortAtDeadline(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void imageProgress(ImageReader source, float percentageDone) {
      if (!aborted && System.nanoTime() - deadlineNanos >= 0) {
        aborted = true;
        source.abort();
      }
    }

    @Override
    public void readAborted(ImageReader source) {
      aborted = true;
    }

    @Override
    public void sequenceStarted(ImageReader source, int minIndex) {}

    @Override
    public void sequenceComplete(ImageReader source) {}

    @Override
    public void imageStarted(ImageReader source, int imageIndex) {}

    @Override
    public void imageComplete(ImageReader source) {}

    @Override
    public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}

    @Override
    public void thumbnailProgress(ImageReader source, float percentageDone) {}

    @Override
    public void thumbnailComplete(ImageReader source) {}
  }

  /** The decode's work, scans × pixels, before a single scan is decoded (see {@link JpegScans}). */
  private void checkScans(int scans, long pixels) {
    if (scans * pixels > limits.maxJpegScanPixels()) {
      throw new ProblemException(
          ProblemType.IMAGE_TOO_COMPLEX,
          String.format(
              Locale.FRANCE,
              "JPEG de %d passes sur %.1f Mpx : au plus %d passes à cette taille."
                  + " Reprenez la photo (ou tapez le numéro).",
              scans,
              pixels / 1e6,
              limits.maxJpegScanPixels() / pixels));
    }
  }

  private void checkDeclaredSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new ProblemException(ProblemType.SCAN_UNREADABLE, "Image vide.");
    }
    long pixels = (long) width * height;
    if (width > limits.maxImageSide()
        || height > limits.maxImageSide()
        || pixels > limits.maxImagePixels()) {
      throw new ProblemException(
          ProblemType.IMAGE_TOO_LARGE,
          String.format(
              Locale.FRANCE,
              "Image de %d × %d pixels (%.1f Mpx) : au plus %.0f Mpx et %d pixels de côté.",
              width,
              height,
              pixels / 1e6,
              limits.maxImagePixels() / 1e6,
              limits.maxImageSide()));
    }
  }

  private static String baseType(String mediaType) {
    if (mediaType == null) {
      return "application/octet-stream";
    }
    int semicolon = mediaType.indexOf(';');
    String base = semicolon >= 0 ? mediaType.substring(0, semicolon) : mediaType;
    return base.strip().toLowerCase(Locale.ROOT);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
