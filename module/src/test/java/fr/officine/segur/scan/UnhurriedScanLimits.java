package fr.officine.segur.scan;

import java.time.Duration;

/**
 * The default limits with a decode budget an hour away, for tests that prove a picture is read:
 * with the real 4 s budget, a loaded test machine ran out of time on a damaged picture and the test
 * failed on speed, not on the decoder (issue 11 §10). Tests of the budget itself set theirs.
 */
final class UnhurriedScanLimits {
  private UnhurriedScanLimits() {}

  static ScanLimits get() {
    ScanLimits d = ScanLimits.defaults();
    return new ScanLimits(
        d.maxTextChars(),
        d.maxImageBytes(),
        d.maxImagePixels(),
        d.maxImageSide(),
        Duration.ofHours(1),
        d.concurrentDecodes(),
        d.maxJpegScanPixels());
  }
}
