package fr.officine.segur.outbox;

import fr.officine.segur.api.dispensation.SendReason;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A national service's retry policy, in one place (issue 14 §5): which unsuccessful answers are
 * worth another attempt (technical: the service down, busy, a message not built) and when that
 * attempt is ({@link Backoff}). Every other unsuccessful answer is a business refusal: final, shown
 * to the pharmacist, never retried (the same document would be refused again). The senders build
 * their unsuccessful outcomes with {@link #unsent}, and the drain reschedules or settles by {@link
 * #retries}: the two cannot disagree.
 */
public record RetryPolicy(OutboxTarget target, Backoff backoff) {
  /** Whatever the target: a defect or an unexpected answer, or no sender deployed for it. */
  private static final Set<SendReason> ALWAYS =
      EnumSet.of(SendReason.TECHNICAL_ERROR, SendReason.NO_SENDER);

  /** Per target, the answers that say "not now" rather than "no". */
  private static final Map<OutboxTarget, Set<SendReason>> RETRIED =
      Map.of(
          // ITI-41: the DMP unreachable, answering XDSRepositoryBusy / XDSRegistryBusy, or silent
          // after the request went out (asked about before any new upload: DmpSender)
          OutboxTarget.DMP,
              EnumSet.of(
                  SendReason.DMP_UNAVAILABLE, SendReason.DMP_BUSY, SendReason.DMP_OUTCOME_UNKNOWN),
          OutboxTarget.DP, EnumSet.of(SendReason.DP_UNAVAILABLE),
          // a message not built is a local fault (a document unreadable for a while): retried
          OutboxTarget.MSSANTE,
              EnumSet.of(SendReason.MSSANTE_UNAVAILABLE, SendReason.MSSANTE_NOT_BUILT));

  /**
   * The answers that say the service is overloaded (it answered too late for the request's fate to
   * be known, or said it is busy): the outbox sends it fewer at once ({@link OutboxDrain}).
   */
  private static final Set<SendReason> OVERLOADED =
      EnumSet.of(SendReason.DMP_OUTCOME_UNKNOWN, SendReason.DMP_BUSY);

  /** Whether an attempt that ended with {@code code} says its service is overloaded. */
  public static boolean overloaded(SendReason code) {
    return OVERLOADED.contains(code);
  }

  /** Whether an unsuccessful attempt of {@code target} that ended with {@code code} is retried. */
  public static boolean retries(OutboxTarget target, SendReason code) {
    return ALWAYS.contains(code) || RETRIED.getOrDefault(target, Set.of()).contains(code);
  }

  /**
   * An unsuccessful attempt of {@code target}: retried ({@code Failed}) or final ({@code Refused}).
   */
  public static SendOutcome unsent(OutboxTarget target, SendReason code, String reason) {
    return retries(target, code)
        ? new SendOutcome.Failed(code, reason)
        : new SendOutcome.Refused(code, reason);
  }

  public static SendOutcome unsent(OutboxTarget target, SendReason code) {
    return unsent(target, code, code.text());
  }

  public boolean retries(SendReason code) {
    return retries(target, code);
  }

  /** The delay before the next attempt, after {@code attempts} (≥ 1) failed ones. */
  public Duration nextAttempt(int attempts, RandomGenerator random) {
    return backoff.delayAfter(attempts, random);
  }
}
