package fr.officine.segur.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.InvertedLuminanceSource;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Finds a QR code (or a medicine box's GS1 DataMatrix) in a picture the way a patient's phone photo
 * or a counter webcam needs: several binarizers, scales and repairs, and a second decoder (BoofCV,
 * {@link BoofCvQrReader}) where ZXing gives up; cheapest first, stopping at the first code read,
 * and never starting an attempt that would not end before the deadline.
 *
 * <p>Rotation is not among the strategies: both decoders locate the three finder patterns at any
 * angle (the tests prove 90°, 180°, 270° and 17°). Perspective is BoofCV's part (see its class).
 */
final class QrDecoder {
  /** What was read and by which strategy (the benchmark reports it). */
  record Decoded(String text, String strategy) {}

  private static final Map<DecodeHintType, Object> HINTS =
      Map.of(
          DecodeHintType.TRY_HARDER,
          Boolean.TRUE,
          // The prescription's QR code, or the GS1 DataMatrix of a medicine box scanned into the
          // same field; nothing else (every extra format is one more detector run per attempt).
          DecodeHintType.POSSIBLE_FORMATS,
          List.of(BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX),
          // A prescription number is ASCII; without a hint ZXing guesses, sometimes as Shift_JIS.
          DecodeHintType.CHARACTER_SET,
          "UTF-8");

  /** Above this side, the first attempts work on a downscaled copy (faster, and averages noise). */
  private static final int FAST_SIDE = 1600;

  /** Upscaled copies never exceed this side. */
  private static final int MAX_UPSCALED_SIDE = 1600;

  /**
   * Reads the codes of one prepared picture: the wanted text if one is, else any text, else none.
   */
  private interface Reader {
    Optional<String> read(GrayImage picture, Predicate<String> wanted);
  }

  /**
   * One try: its picture (built on first use, shared), its size in pixels (its cost), its reader.
   */
  private record Attempt(String name, long pixels, Supplier<GrayImage> image, Reader reader) {}

  private final BoofCvQrReader boofCv = new BoofCvQrReader();

  /**
   * @param wanted a decoded text this predicate refuses makes the decoder look for other codes in
   *     the same picture (a page may carry an unrelated QR code) before answering with it
   * @param deadlineNanos {@link System#nanoTime()} after which no attempt may still be running
   */
  Optional<Decoded> decode(GrayImage image, Predicate<String> wanted, long deadlineNanos) {
    Pace pace = new Pace();
    for (Attempt attempt : plan(image)) {
      long now = System.nanoTime();
      if (now - deadlineNanos >= 0) {
        return Optional.empty();
      }
      // An attempt that would end past the deadline is skipped, not started: neither decoder can
      // be stopped once it runs, and a cheaper attempt further down may still fit.
      if (!pace.fits(attempt.pixels(), deadlineNanos - now)) {
        continue;
      }
      Optional<String> text = attempt.reader().read(attempt.image().get(), wanted);
      pace.spent(attempt.pixels(), System.nanoTime() - now);
      if (text.isPresent()) {
        return Optional.of(new Decoded(text.get(), attempt.name()));
      }
    }
    return Optional.empty();
  }

  /**
   * The picture's own cost per pixel, learnt from the attempts already made on it (its content
   * matters as much as its size: text and noise give a detector many false finder patterns).
   */
  static final class Pace {
    private long nanos;
    private long pixels;

    boolean fits(long attemptPixels, long remainingNanos) {
      if (pixels == 0) {
        return true; // the first attempt is on a copy of at most FAST_SIDE pixels a side
      }
      return (double) nanos / pixels * attemptPixels <= remainingNanos;
    }

    void spent(long attemptPixels, long attemptNanos) {
      pixels += attemptPixels;
      nanos += attemptNanos;
    }
  }

  private List<Attempt> plan(GrayImage image) {
    Reader hybrid = zxing(HybridBinarizer::new, false);
    Reader global = zxing(GlobalHistogramBinarizer::new, false);
    Reader boof = (picture, wanted) -> pick(boofCv.read(picture), wanted);
    List<Attempt> plan = new ArrayList<>();

    int fastFactor = (image.maxSide() + FAST_SIDE - 1) / FAST_SIDE;
    long fullPixels = (long) image.width() * image.height();
    long fastPixels = (long) (image.width() / fastFactor) * (image.height() / fastFactor);
    String fastName = fastFactor > 1 ? " 1/" + fastFactor : "";
    Supplier<GrayImage> fast = memo(() -> image.downscaled(fastFactor));
    Supplier<GrayImage> stretched = memo(() -> fast.get().contrastStretched());

    plan.add(new Attempt("hybrid" + fastName, fastPixels, fast, hybrid));
    plan.add(new Attempt("global" + fastName, fastPixels, fast, global));
    plan.add(new Attempt("boofcv" + fastName, fastPixels, fast, boof));
    if (fastFactor > 1) {
      // A small code on a big page scan may need every pixel.
      plan.add(new Attempt("hybrid full size", fullPixels, () -> image, hybrid));
    }
    for (int up = 2; up <= 3; up++) {
      int factor = up;
      if (image.maxSide() * factor <= MAX_UPSCALED_SIDE) {
        Supplier<GrayImage> upscaled = memo(() -> image.upscaled(factor));
        plan.add(new Attempt("hybrid x" + factor, fullPixels * factor * factor, upscaled, hybrid));
        plan.add(new Attempt("boofcv x" + factor, fullPixels * factor * factor, upscaled, boof));
      }
    }
    // A small, soft phone photo (2 to 4 px per module, out of focus): smooth the noise and JPEG
    // blocks, upscale, then sharpen the module edges back (unsharp mask) before binarizing.
    for (int up = 2; up <= 4; up++) {
      int factor = up;
      if (image.maxSide() * factor <= MAX_UPSCALED_SIDE) {
        long pixels = fullPixels * factor * factor;
        Supplier<GrayImage> sharp = memo(() -> image.upscaled(factor).sharpened(300));
        plan.add(new Attempt("sharpened hybrid x" + factor, pixels, sharp, hybrid));
        plan.add(new Attempt("sharpened global x" + factor, pixels, sharp, global));
        Supplier<GrayImage> soft = memo(() -> image.boxBlurred().upscaled(factor));
        plan.add(new Attempt("smoothed hybrid x" + factor, pixels, soft, hybrid));
        Supplier<GrayImage> both = memo(() -> image.boxBlurred().upscaled(factor).sharpened(300));
        plan.add(new Attempt("smoothed sharpened hybrid x" + factor, pixels, both, hybrid));
      }
    }
    plan.add(new Attempt("stretched hybrid", fastPixels, stretched, hybrid));
    plan.add(new Attempt("stretched global", fastPixels, stretched, global));
    Supplier<GrayImage> smoothed = memo(() -> stretched.get().boxBlurred());
    plan.add(new Attempt("smoothed hybrid", fastPixels, smoothed, hybrid));
    plan.add(new Attempt("smoothed global", fastPixels, smoothed, global));
    if (Math.min(image.width(), image.height()) / fastFactor >= 400) {
      plan.add(
          new Attempt(
              "stretched 1/2", fastPixels / 4, memo(() -> stretched.get().downscaled(2)), hybrid));
    }
    // Light code on dark background (a phone screen in dark mode, a negative scan).
    plan.add(new Attempt("inverted hybrid", fastPixels, fast, zxing(HybridBinarizer::new, true)));
    return plan;
  }

  private static Reader zxing(Function<LuminanceSource, Binarizer> binarizer, boolean inverted) {
    return (picture, wanted) -> {
      LuminanceSource source = luminance(picture);
      BinaryBitmap bitmap =
          new BinaryBitmap(
              binarizer.apply(inverted ? new InvertedLuminanceSource(source) : source));
      Optional<String> text = decodeOne(bitmap);
      if (text.isEmpty() || wanted.test(text.get())) {
        return text;
      }
      return Optional.of(pick(decodeAll(bitmap), wanted).orElse(text.get()));
    };
  }

  private static Optional<String> pick(List<String> texts, Predicate<String> wanted) {
    return texts.stream().filter(wanted).findFirst().or(() -> texts.stream().findFirst());
  }

  private static LuminanceSource luminance(GrayImage image) {
    // The Y plane of a YUV frame is exactly an 8-bit luminance image.
    return new PlanarYUVLuminanceSource(
        image.pixels(), image.width(), image.height(), 0, 0, image.width(), image.height(), false);
  }

  private static Optional<String> decodeOne(BinaryBitmap bitmap) {
    try {
      // A new reader each time: ZXing readers keep per-decode state. MultiFormatReader runs the
      // QR reader, then the DataMatrix reader (which writes a GS1 FNC1 separator as GS, 0x1D).
      return Optional.of(new MultiFormatReader().decode(bitmap, HINTS).getText());
    } catch (ReaderException | RuntimeException e) {
      // NotFound / Checksum / Format, or ZXing choking on a degenerate image: try the next
      // strategy.
      return Optional.empty();
    }
  }

  private static List<String> decodeAll(BinaryBitmap bitmap) {
    try {
      List<String> texts = new ArrayList<>();
      for (Result r : new QRCodeMultiReader().decodeMultiple(bitmap, HINTS)) {
        texts.add(r.getText());
      }
      return texts;
    } catch (ReaderException | RuntimeException e) {
      return List.of();
    }
  }

  private static <T> Supplier<T> memo(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }
}
