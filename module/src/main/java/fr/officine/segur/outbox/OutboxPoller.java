package fr.officine.segur.outbox;

import fr.officine.segur.data.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.eclipse.microprofile.config.Config;

/**
 * Drains the outbox: at startup (so that what was PENDING before a crash or a {@code kill -9} goes
 * out without anybody asking), every {@code segur.outbox.poll-interval}, and at once when woken (a
 * dispensation just committed its sends, or the pharmacist pressed "Réessayer"). One drain at a
 * time per JVM, its sends in parallel on a pool of its own (issue 13 §3: {@code
 * segur.outbox.parallel-per-service} at once per national service, {@code
 * segur.outbox.parallel-per-pharmacy} per pharmacy); across nodes the claims in {@link Outbox}
 * ({@code FOR UPDATE SKIP LOCKED} and a lease of {@code segur.outbox.lease}) keep sends apart.
 */
@ApplicationScoped
public class OutboxPoller {
  private static final Logger LOG = Logger.getLogger(OutboxPoller.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  private ManagedScheduledExecutorService executor;

  // container threads for the sends (the default managed executor's few threads are shared)
  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  private ManagedThreadFactory threads;

  private Outbox outbox;
  private Instance<OutboxSender> senders;
  private Duration pollInterval;
  private Map<OutboxTarget, Backoff> backoffs;
  private OutboxDrain.Bounds bounds;
  private volatile ExecutorService sendPool;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile OutboxDrain drain;
  private volatile ScheduledFuture<?> schedule;

  protected OutboxPoller() {}

  @Inject
  public OutboxPoller(Outbox outbox, Instance<OutboxSender> senders, Config config) {
    OutboxSettings settings = OutboxSettings.from(config);
    this.outbox = outbox;
    this.senders = senders;
    this.pollInterval = settings.pollInterval();
    this.backoffs = settings.backoffs();
    // the node's name in claimed_by: this process (pid@host) and this start
    String node =
        ManagementFactory.getRuntimeMXBean().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    this.bounds =
        new OutboxDrain.Bounds(
            settings.parallelPerService(), settings.parallelPerPharmacy(), settings.lease(), node);
  }

  void start(@Observes SchemaReady ready) {
    Map<OutboxTarget, OutboxSender> byTarget = new EnumMap<>(OutboxTarget.class);
    for (OutboxSender s : senders) {
      byTarget.put(s.target(), s);
    }
    sendPool =
        Executors.newFixedThreadPool(Math.max(1, bounds.perService() * byTarget.size()), threads);
    // each attempt's outcome is in the pharmacy's event feed, written by the outbox with its row
    drain =
        new OutboxDrain(outbox, byTarget, backoffs, RandomGenerator.getDefault(), bounds, sendPool);
    // the first run right away: sends left PENDING by a previous process go out now
    schedule =
        executor.scheduleWithFixedDelay(
            this::run, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info(
        () ->
            "Outbox poller started (every "
                + pollInterval
                + ", senders "
                + byTarget.keySet()
                + ", "
                + bounds
                + ")");
  }

  /** Drains now, in the background (after a commit, on "Réessayer"). */
  public void wake() {
    if (drain == null) {
      return;
    }
    if (running.get()) {
      // the running drain loops until nothing is due, but may have looked just before this commit
      again.set(true);
      return;
    }
    executor.execute(this::run);
  }

  private void run() {
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    try {
      do {
        again.set(false);
        drain.drain();
      } while (again.get());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Outbox drain failed; next run in " + pollInterval, e);
    } finally {
      running.set(false);
    }
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
    if (sendPool != null) {
      // sends under way finish or are left to their lease; nothing new starts
      sendPool.shutdown();
    }
  }
}
