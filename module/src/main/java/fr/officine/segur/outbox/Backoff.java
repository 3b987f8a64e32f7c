package fr.officine.segur.outbox;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: {@code initial × 2^(attempts-1)}, capped at {@code max}, then
 * spread by ± {@code jitter} (a fraction) so that the sends queued while the DMP was down do not
 * all come back in the same second.
 */
public record Backoff(Duration initial, Duration max, double jitter) {
  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("0 < initial <= max expected");
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter is a fraction in [0, 1)");
    }
  }

  /** The delay before the next attempt, after {@code attempts} (≥ 1) failed ones. */
  public Duration delayAfter(int attempts, RandomGenerator random) {
    long initialMs = initial.toMillis();
    long maxMs = max.toMillis();
    int shift = Math.max(0, Math.min(attempts - 1, 40));
    // no overflow: once initial << shift passes max we stop doubling
    long base =
        shift >= Long.numberOfLeadingZeros(initialMs) - 1
            ? maxMs
            : Math.min(maxMs, initialMs << shift);
    double factor = 1 + jitter * (2 * random.nextDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
  }
}
