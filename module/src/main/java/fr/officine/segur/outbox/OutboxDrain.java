package fr.officine.segur.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * One pass over the due sends: claim, send, settle or reschedule. No container here, so the rules
 * (final refusals never retried, technical failures rescheduled with backoff) are unit-tested as
 * they run in Payara.
 */
public final class OutboxDrain {
  private static final Logger LOG = Logger.getLogger(OutboxDrain.class.getName());

  private final Outbox outbox;
  private final Map<OutboxTarget, OutboxSender> senders;
  private final Backoff backoff;
  private final RandomGenerator random;
  private final int batch;
  private final Duration lease;
  private final java.util.function.Consumer<OutboxEntry> attempted;

  public OutboxDrain(
      Outbox outbox,
      Map<OutboxTarget, OutboxSender> senders,
      Backoff backoff,
      RandomGenerator random,
      int batch,
      Duration lease) {
    this(outbox, senders, backoff, random, batch, lease, e -> {});
  }

  /** @param attempted told after each attempt's row was updated (the screens follow the sends) */
  public OutboxDrain(
      Outbox outbox,
      Map<OutboxTarget, OutboxSender> senders,
      Backoff backoff,
      RandomGenerator random,
      int batch,
      Duration lease,
      java.util.function.Consumer<OutboxEntry> attempted) {
    this.attempted = attempted;
    this.outbox = outbox;
    this.senders = Map.copyOf(senders);
    this.backoff = backoff;
    this.random = random;
    this.batch = batch;
    this.lease = lease;
  }

  /** Sends what is due until nothing is; returns how many attempts were made. */
  public int drain() {
    int attempts = 0;
    while (true) {
      List<OutboxEntry> claimed = outbox.claimDue(batch, lease);
      if (claimed.isEmpty()) {
        return attempts;
      }
      for (OutboxEntry entry : claimed) {
        attempt(entry);
        attempts++;
      }
    }
  }

  /** One attempt of a claimed entry ({@code attempts} already counts it). */
  void attempt(OutboxEntry entry) {
    SendOutcome outcome = send(entry);
    if (outcome instanceof SendOutcome.Sent) {
      outbox.settle(entry.id(), OutboxState.SENT, outcome.reason());
    } else if (outcome instanceof SendOutcome.Refused) {
      outbox.settle(entry.id(), OutboxState.REFUSED, outcome.reason());
    } else if (outcome instanceof SendOutcome.NotApplicable) {
      outbox.settle(entry.id(), OutboxState.NOT_APPLICABLE, outcome.reason());
    } else {
      Duration delay = backoff.delayAfter(entry.attempts(), random);
      LOG.info(
          () ->
              entry.target() + " send of dispensation " + entry.dispensationId() + " failed (attempt "
                  + entry.attempts() + "), next in " + delay.toMillis() + " ms: " + outcome.reason());
      outbox.reschedule(entry.id(), delay, outcome.reason());
    }
    try {
      attempted.accept(entry);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "a listener of the sends failed", e); // never stops the drain
    }
  }

  private SendOutcome send(OutboxEntry entry) {
    Optional<OutboxSender> sender = Optional.ofNullable(senders.get(entry.target()));
    if (sender.isEmpty()) {
      return new SendOutcome.Failed("Aucun service d'envoi configuré pour " + entry.target() + ".");
    }
    try {
      return sender.get().send(entry);
    } catch (RuntimeException e) {
      // a defect or an unexpected answer: keep the send, retry later, say it in the log
      LOG.log(Level.WARNING, entry.target() + " send of " + entry.dispensationId() + " failed", e);
      return new SendOutcome.Failed("Erreur technique lors de l'envoi ; nouvel essai automatique.");
    }
  }
}
