package fr.officine.segur.outbox;

import fr.officine.segur.config.Settings;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The outbox's settings ({@code segur.outbox.*}; defaults in microprofile-config.properties).
 *
 * @param pollInterval how often the outbox is drained besides when woken
 * @param backoffInitial the first retry delay, doubled at each failed attempt up to {@code
 *     backoffMax} (±20 % jitter)
 * @param parallelPerService sends under way at once per national service on one node
 * @param parallelPerPharmacy sends under way at once per pharmacy on one node
 * @param lease how long a node's claim keeps a send from the other nodes
 */
public record OutboxSettings(
    Duration pollInterval,
    Duration backoffInitial,
    Duration backoffMax,
    int parallelPerService,
    int parallelPerPharmacy,
    Duration lease) {
  /**
   * Spread of the retry delays, so that sends queued during an outage do not all come back at once.
   */
  private static final double JITTER = 0.2;

  public static OutboxSettings from(Config config) {
    return new OutboxSettings(
        Settings.duration(config, "segur.outbox.poll-interval"),
        Settings.duration(config, "segur.outbox.backoff-initial"),
        Settings.duration(config, "segur.outbox.backoff-max"),
        config.getValue("segur.outbox.parallel-per-service", Integer.class),
        config.getValue("segur.outbox.parallel-per-pharmacy", Integer.class),
        Settings.duration(config, "segur.outbox.lease"));
  }

  public Backoff backoff() {
    return new Backoff(backoffInitial, backoffMax, JITTER);
  }
}
