package fr.officine.segur.outbox;

import fr.officine.segur.config.Settings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The outbox's settings ({@code segur.outbox.*}; defaults in microprofile-config.properties).
 *
 * @param pollInterval how often the outbox is drained besides when woken
 * @param backoffs each target's retry timing ({@link RetryPolicy}): {@code
 *     segur.outbox.<target>.backoff-initial}, {@code -max}, {@code -jitter} ({@code dmp}, {@code
 *     dp}, {@code mssante}); the former keys without the target ({@code
 *     segur.outbox.backoff-initial}, {@code -max}, {@code -jitter}) still set every target when set
 *     in a stronger place (a {@code -D} over the defaults file)
 * @param parallelPerService sends under way at once per national service on one node
 * @param parallelPerPharmacy sends under way at once per pharmacy on one node
 * @param lease how long a node's claim keeps a send from the other nodes
 */
public record OutboxSettings(
    Duration pollInterval,
    Map<OutboxTarget, Backoff> backoffs,
    int parallelPerService,
    int parallelPerPharmacy,
    Duration lease) {
  public OutboxSettings {
    backoffs = Map.copyOf(backoffs);
    if (!backoffs.keySet().containsAll(java.util.EnumSet.allOf(OutboxTarget.class))) {
      throw new IllegalArgumentException("a backoff for every target expected: " + backoffs);
    }
  }

  public static OutboxSettings from(Config config) {
    Map<OutboxTarget, Backoff> backoffs = new EnumMap<>(OutboxTarget.class);
    for (OutboxTarget target : OutboxTarget.values()) {
      backoffs.put(target, backoff(config, target));
    }
    return new OutboxSettings(
        Settings.duration(config, "segur.outbox.poll-interval"),
        backoffs,
        config.getValue("segur.outbox.parallel-per-service", Integer.class),
        config.getValue("segur.outbox.parallel-per-pharmacy", Integer.class),
        Settings.duration(config, "segur.outbox.lease"));
  }

  /** {@code target}'s backoff: its own keys, or the former global ones set more strongly. */
  static Backoff backoff(Config config, OutboxTarget target) {
    String own = "segur.outbox." + target.name().toLowerCase(Locale.ROOT) + ".backoff-";
    String global = "segur.outbox.backoff-";
    return new Backoff(
        Settings.duration(config, own + "initial", global + "initial"),
        Settings.duration(config, own + "max", global + "max"),
        Settings.fraction(config, own + "jitter", global + "jitter"));
  }

  public Backoff backoff(OutboxTarget target) {
    return backoffs.get(target);
  }
}
