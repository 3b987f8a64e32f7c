package fr.officine.segur.outbox;

import fr.officine.segur.api.dispensation.SendReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * One pass over the due sends (issue 13 §3): claim, send in parallel, settle or reschedule. Sends
 * run on {@code executor}, at most {@link Bounds#perService} at once per national service and
 * {@link Bounds#perPharmacy} per pharmacy on this node: a pharmacy with a long backlog does not
 * hold the others back, and a service is never flooded. No container here, so the rules (final
 * refusals never retried, technical failures rescheduled with backoff and jitter, a claim settled
 * only by its claimer) are unit-tested as they run in Payara.
 */
public final class OutboxDrain {
  private static final Logger LOG = Logger.getLogger(OutboxDrain.class.getName());

  /**
   * @param perService sends under way at once per target on this node
   * @param perPharmacy sends under way at once per pharmacy on this node
   * @param lease how long a claim keeps a row from the other nodes (longer than a send's timeout)
   * @param node this node's name in {@code claimed_by}
   */
  public record Bounds(int perService, int perPharmacy, Duration lease, String node) {
    public Bounds {
      if (perService < 1 || perPharmacy < 1) {
        throw new IllegalArgumentException("at least one send at a time");
      }
    }
  }

  private final Outbox outbox;
  private final Map<OutboxTarget, OutboxSender> senders;
  private final Map<OutboxTarget, Backoff> backoffs;
  private final RandomGenerator random;
  private final Bounds bounds;
  private final Executor executor;

  private final Object lock = new Object();
  private final Map<OutboxTarget, Integer> inFlightByTarget = new EnumMap<>(OutboxTarget.class);

  /**
   * Per target, how many sends may be under way now (≤ {@link Bounds#perService}): halved when the
   * service answers too late or busy ({@link RetryPolicy#overloaded}), one more per delivered send
   * (additive increase, multiplicative decrease, as TCP does): a slow DMP gets fewer sends at once
   * instead of a retry storm. Absent = the full bound.
   */
  private final Map<OutboxTarget, Integer> allowedByTarget = new EnumMap<>(OutboxTarget.class);

  private final Map<String, Integer> inFlightByPharmacy = new HashMap<>();
  private int inFlight;
  private long ended;

  /** Sequential, on the calling thread (tests, tools). */
  public OutboxDrain(
      Outbox outbox,
      Map<OutboxTarget, OutboxSender> senders,
      Backoff backoff,
      RandomGenerator random,
      int batch,
      Duration lease) {
    this(
        outbox,
        senders,
        everyTarget(backoff),
        random,
        new Bounds(batch, batch, lease, "local"),
        Runnable::run);
  }

  /** One backoff for every target. */
  public OutboxDrain(
      Outbox outbox,
      Map<OutboxTarget, OutboxSender> senders,
      Backoff backoff,
      RandomGenerator random,
      Bounds bounds,
      Executor executor) {
    this(outbox, senders, everyTarget(backoff), random, bounds, executor);
  }

  private static Map<OutboxTarget, Backoff> everyTarget(Backoff backoff) {
    Map<OutboxTarget, Backoff> all = new EnumMap<>(OutboxTarget.class);
    for (OutboxTarget t : OutboxTarget.values()) {
      all.put(t, backoff);
    }
    return all;
  }

  /**
   * @param backoffs each target's retry timing (its {@link RetryPolicy})
   * @param executor runs the sends (a bounded pool: the bounds above decide how many are given to
   *     it)
   */
  public OutboxDrain(
      Outbox outbox,
      Map<OutboxTarget, OutboxSender> senders,
      Map<OutboxTarget, Backoff> backoffs,
      RandomGenerator random,
      Bounds bounds,
      Executor executor) {
    this.outbox = outbox;
    this.senders = Map.copyOf(senders);
    this.backoffs = Map.copyOf(backoffs);
    this.random = random;
    this.bounds = bounds;
    this.executor = executor;
  }

  /**
   * Sends what is due until nothing is and every send started has ended; returns how many attempts
   * were made. Claims again as soon as a send ends (room under the bounds), so a backlog flows.
   */
  public int drain() {
    int attempts = 0;
    while (true) {
      int claimedNow = 0;
      long endedBefore;
      synchronized (lock) {
        endedBefore = ended;
      }
      for (OutboxTarget target : senders.keySet()) {
        int free;
        Map<String, Integer> pharmacies;
        synchronized (lock) {
          free = allowed(target) - inFlightByTarget.getOrDefault(target, 0);
          pharmacies = Map.copyOf(inFlightByPharmacy);
        }
        List<OutboxEntry> claimed =
            outbox.claimDue(
                target, free, bounds.lease(), bounds.node(), pharmacies, bounds.perPharmacy());
        for (OutboxEntry entry : claimed) {
          started(entry);
          attempts++;
          claimedNow++;
          try {
            executor.execute(() -> attemptThenEnd(entry));
          } catch (RejectedExecutionException e) {
            // shutting down: the row stays claimed until its lease ends, then any node sends it
            ended(entry);
            return attempts;
          }
        }
      }
      if (claimedNow == 0) {
        synchronized (lock) {
          if (ended != endedBefore) {
            continue; // a send ended while claiming: its room (or its pharmacy's) was not seen
          }
          if (inFlight == 0) {
            return attempts;
          }
          try {
            lock.wait(); // until a send ends: room for another one, or the end
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return attempts;
          }
        }
      }
    }
  }

  private void attemptThenEnd(OutboxEntry entry) {
    try {
      attempt(entry);
    } finally {
      ended(entry);
    }
  }

  private void started(OutboxEntry e) {
    synchronized (lock) {
      inFlight++;
      inFlightByTarget.merge(e.target(), 1, Integer::sum);
      inFlightByPharmacy.merge(e.pharmacyFiness(), 1, Integer::sum);
    }
  }

  private void ended(OutboxEntry e) {
    synchronized (lock) {
      inFlight--;
      ended++;
      inFlightByTarget.merge(e.target(), -1, Integer::sum);
      if (inFlightByPharmacy.merge(e.pharmacyFiness(), -1, Integer::sum) == 0) {
        inFlightByPharmacy.remove(e.pharmacyFiness());
      }
      lock.notifyAll();
    }
  }

  /** How many sends of {@code target} may be under way now on this node (holding the lock). */
  private int allowed(OutboxTarget target) {
    return allowedByTarget.getOrDefault(target, bounds.perService());
  }

  /** Sends of {@code target} allowed at once now (tests, the log). */
  int allowedNow(OutboxTarget target) {
    synchronized (lock) {
      return allowed(target);
    }
  }

  /** Fewer sends at once to a service that answers too late, more again as it delivers. */
  private void adapt(OutboxTarget target, SendOutcome outcome) {
    synchronized (lock) {
      int now = allowed(target);
      if (RetryPolicy.overloaded(outcome.code())) {
        int halved = Math.max(1, now / 2);
        allowedByTarget.put(target, halved);
        if (halved < now) {
          LOG.info(() -> target + " answers too late or busy: " + halved + " send(s) at once");
        }
      } else if (outcome instanceof SendOutcome.Sent && now < bounds.perService()) {
        allowedByTarget.put(target, now + 1);
      }
    }
  }

  /** One attempt of a claimed entry ({@code attempts} already counts it). */
  void attempt(OutboxEntry entry) {
    SendOutcome outcome = send(entry);
    adapt(entry.target(), outcome);
    boolean settled;
    if (outcome instanceof SendOutcome.Sent) {
      settled = outbox.settle(entry, bounds.node(), OutboxState.SENT, outcome.why());
    } else if (outcome instanceof SendOutcome.NotApplicable) {
      settled = outbox.settle(entry, bounds.node(), OutboxState.NOT_APPLICABLE, outcome.why());
    } else {
      settled = unsent(entry, outcome);
    }
    if (!settled) {
      LOG.warning(
          () ->
              entry.target()
                  + " send of dispensation "
                  + entry.dispensationId()
                  + ": the claim (attempt "
                  + entry.attempts()
                  + ") ended before its answer; another node took it over");
    }
  }

  /** Refused or failed: the target's {@link RetryPolicy} says whether it is final or when next. */
  private boolean unsent(OutboxEntry entry, SendOutcome outcome) {
    RetryPolicy policy = new RetryPolicy(entry.target(), backoffs.get(entry.target()));
    if (!policy.retries(outcome.code())) {
      return outbox.settle(entry, bounds.node(), OutboxState.REFUSED, outcome.why());
    }
    Duration delay;
    synchronized (
        random) { // the sends end on several threads; a RandomGenerator is not thread-safe
      delay = policy.nextAttempt(entry.attempts(), random);
    }
    LOG.info(
        () ->
            entry.target()
                + " send of dispensation "
                + entry.dispensationId()
                + " failed (attempt "
                + entry.attempts()
                + "), next in "
                + delay.toMillis()
                + " ms: "
                + outcome.reason());
    return outbox.reschedule(entry, bounds.node(), delay, outcome.why());
  }

  private SendOutcome send(OutboxEntry entry) {
    Optional<OutboxSender> sender = Optional.ofNullable(senders.get(entry.target()));
    if (sender.isEmpty()) {
      return new SendOutcome.Failed(
          SendReason.NO_SENDER, "Aucun service d'envoi configuré pour " + entry.target() + ".");
    }
    try {
      return sender.get().send(entry);
    } catch (RuntimeException e) {
      // a defect or an unexpected answer: keep the send, retry later, say it in the log
      LOG.log(Level.WARNING, entry.target() + " send of " + entry.dispensationId() + " failed", e);
      return new SendOutcome.Failed(SendReason.TECHNICAL_ERROR);
    }
  }
}
