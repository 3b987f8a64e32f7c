package fr.officine.segur.scan;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The bounds that keep a picture or a text from costing more than a scan is worth.
 *
 * @param maxTextChars longer texts are refused before any work (a number is 18 characters; a
 *     scanner adds a few prefix/suffix characters at most)
 * @param maxImageBytes bytes read from the request body at most
 * @param maxImagePixels and {@code maxImageSide}: checked on the header's declared size, before
 *     pixels are decoded (a 20000 × 20000 PNG of one colour is a few kB and 1.6 GB once decoded)
 * @param decodeBudget time after which the decoder stops trying new strategies
 * @param concurrentDecodes pictures decoded at once; a 20 Mpx picture takes ~100 MB while decoded
 * @param maxJpegScanPixels the work a JPEG may ask for, scans × pixels, counted before decoding
 *     ({@link JpegScans}): 640 M is 32 scans of 20 Mpx or 64 of 10 Mpx, where a camera's
 *     progressive JPEG has about 10 (libjpeg's default progression: 10 in colour, 6 in grey)
 */
public record ScanLimits(
    int maxTextChars,
    int maxImageBytes,
    long maxImagePixels,
    int maxImageSide,
    Duration decodeBudget,
    int concurrentDecodes,
    long maxJpegScanPixels) {

  public static ScanLimits defaults() {
    return new ScanLimits(
        512,
        15 * 1024 * 1024,
        20_000_000L,
        10_000,
        Duration.ofSeconds(4),
        defaultConcurrency(),
        640_000_000L);
  }

  /**
   * From MicroProfile Config ({@code segur.scan.*}), each value defaulting to {@link #defaults()}.
   */
  public static ScanLimits from(Config config) {
    ScanLimits d = defaults();
    return new ScanLimits(
        config
            .getOptionalValue("segur.scan.max-text-chars", Integer.class)
            .orElse(d.maxTextChars()),
        config
            .getOptionalValue("segur.scan.max-image-bytes", Integer.class)
            .orElse(d.maxImageBytes()),
        config
            .getOptionalValue("segur.scan.max-image-pixels", Long.class)
            .orElse(d.maxImagePixels()),
        config
            .getOptionalValue("segur.scan.max-image-side", Integer.class)
            .orElse(d.maxImageSide()),
        config
            .getOptionalValue("segur.scan.decode-budget-ms", Long.class)
            .map(Duration::ofMillis)
            .orElse(d.decodeBudget()),
        config
            .getOptionalValue("segur.scan.concurrent-decodes", Integer.class)
            .orElse(d.concurrentDecodes()),
        config
            .getOptionalValue("segur.scan.max-jpeg-scan-pixels", Long.class)
            .orElse(d.maxJpegScanPixels()));
  }

  private static int defaultConcurrency() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }
}
