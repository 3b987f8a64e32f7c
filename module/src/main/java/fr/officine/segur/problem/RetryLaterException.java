package fr.officine.segur.problem;

import fr.officine.segur.api.problem.ProblemType;
import java.time.Duration;

/** A refusal that lifts by itself after {@code retryAfter}: answered with {@code Retry-After}. */
public class RetryLaterException extends ProblemException {
  private final Duration retryAfter;

  public RetryLaterException(ProblemType type, String detail, Duration retryAfter) {
    super(type, detail);
    this.retryAfter = retryAfter;
  }

  /** Whole seconds, at least 1 (RFC 9110 §10.2.3). */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
