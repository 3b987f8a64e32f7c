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
 * Finds a QR code (or a medicine box's GS1 DataMatrix) in a picture the way a patient's phone photo or a counter webcam needs: several
 * binarizers, scales and repairs, cheapest first, stopping at the first code read.
 *
 * <p>Rotation is not among the strategies: ZXing's QR detector locates the three finder patterns
 * at any angle (the tests prove 90°, 180°, 270° and 17°).
 */
final class QrDecoder {
  /** What was read and by which strategy (the benchmark reports it). */
  record Decoded(String text, String strategy) {}

  private static final Map<DecodeHintType, Object> HINTS =
      Map.of(
          DecodeHintType.TRY_HARDER, Boolean.TRUE,
          // The prescription's QR code, or the GS1 DataMatrix of a medicine box scanned into the
          // same field; nothing else (every extra format is one more detector run per attempt).
          DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX),
          // A prescription number is ASCII; without a hint ZXing guesses, sometimes as Shift_JIS.
          DecodeHintType.CHARACTER_SET, "UTF-8");

  /** Above this side, the first attempts work on a downscaled copy (faster, and averages noise). */
  private static final int FAST_SIDE = 1600;

  /** Upscaled copies never exceed this side. */
  private static final int MAX_UPSCALED_SIDE = 1600;

  private record Attempt(String name, Supplier<GrayImage> image, Function<LuminanceSource, Binarizer> binarizer, boolean inverted) {}

  /**
   * @param wanted a decoded text this predicate refuses makes the decoder look for other codes in
   *     the same picture (a page may carry an unrelated QR code) before answering with it
   * @param deadlineNanos {@link System#nanoTime()} after which no new strategy is started
   */
  Optional<Decoded> decode(GrayImage image, Predicate<String> wanted, long deadlineNanos) {
    for (Attempt attempt : plan(image)) {
      if (System.nanoTime() - deadlineNanos > 0) {
        return Optional.empty();
      }
      GrayImage candidate = attempt.image().get();
      LuminanceSource source = luminance(candidate);
      if (attempt.inverted()) {
        source = new InvertedLuminanceSource(source);
      }
      BinaryBitmap bitmap = new BinaryBitmap(attempt.binarizer().apply(source));
      Optional<String> text = decodeOne(bitmap);
      if (text.isPresent()) {
        if (wanted.test(text.get())) {
          return Optional.of(new Decoded(text.get(), attempt.name()));
        }
        Optional<String> other = decodeAll(bitmap).stream().filter(wanted).findFirst();
        return Optional.of(new Decoded(other.orElse(text.get()), attempt.name()));
      }
    }
    return Optional.empty();
  }

  private static List<Attempt> plan(GrayImage image) {
    Function<LuminanceSource, Binarizer> hybrid = HybridBinarizer::new;
    Function<LuminanceSource, Binarizer> global = GlobalHistogramBinarizer::new;
    List<Attempt> plan = new ArrayList<>();

    int fastFactor = (image.maxSide() + FAST_SIDE - 1) / FAST_SIDE;
    Supplier<GrayImage> fast = memo(() -> image.downscaled(fastFactor));
    Supplier<GrayImage> full = () -> image;
    Supplier<GrayImage> stretched = memo(() -> fast.get().contrastStretched());

    plan.add(new Attempt(fastFactor > 1 ? "hybrid 1/" + fastFactor : "hybrid", fast, hybrid, false));
    plan.add(new Attempt(fastFactor > 1 ? "global 1/" + fastFactor : "global", fast, global, false));
    if (fastFactor > 1) {
      // A small code on a big page scan may need every pixel.
      plan.add(new Attempt("hybrid full size", full, hybrid, false));
    }
    for (int up = 2; up <= 3; up++) {
      int factor = up;
      if (image.maxSide() * factor <= MAX_UPSCALED_SIDE) {
        plan.add(new Attempt("hybrid x" + factor, memo(() -> image.upscaled(factor)), hybrid, false));
      }
    }
    // A small, soft phone photo (2 to 4 px per module, out of focus): smooth the noise and JPEG
    // blocks, upscale, then sharpen the module edges back (unsharp mask) before binarizing.
    for (int up = 2; up <= 4; up++) {
      int factor = up;
      if (image.maxSide() * factor <= MAX_UPSCALED_SIDE) {
        Supplier<GrayImage> sharp = memo(() -> image.upscaled(factor).sharpened(300));
        plan.add(new Attempt("sharpened hybrid x" + factor, sharp, hybrid, false));
        plan.add(new Attempt("sharpened global x" + factor, sharp, global, false));
        Supplier<GrayImage> soft = memo(() -> image.boxBlurred().upscaled(factor));
        plan.add(new Attempt("smoothed hybrid x" + factor, soft, hybrid, false));
        Supplier<GrayImage> both = memo(() -> image.boxBlurred().upscaled(factor).sharpened(300));
        plan.add(new Attempt("smoothed sharpened hybrid x" + factor, both, hybrid, false));
      }
    }
    plan.add(new Attempt("stretched hybrid", stretched, hybrid, false));
    plan.add(new Attempt("stretched global", stretched, global, false));
    Supplier<GrayImage> smoothed = memo(() -> stretched.get().boxBlurred());
    plan.add(new Attempt("smoothed hybrid", smoothed, hybrid, false));
    plan.add(new Attempt("smoothed global", smoothed, global, false));
    if (fast.get().minSide() >= 400) {
      plan.add(new Attempt("stretched 1/2", memo(() -> stretched.get().downscaled(2)), hybrid, false));
    }
    // Light code on dark background (a phone screen in dark mode, a negative scan).
    plan.add(new Attempt("inverted hybrid", fast, hybrid, true));
    return plan;
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
      // NotFound / Checksum / Format, or ZXing choking on a degenerate image: try the next strategy.
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
