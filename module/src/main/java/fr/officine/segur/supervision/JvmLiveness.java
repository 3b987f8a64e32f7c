package fr.officine.segur.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: DOWN only when restarting the JVM is the cure, never for an outside service
 * (a restart does not bring the DMP back): threads deadlocked (they never come back, and a request
 * or the outbox drain stuck behind them neither), or the heap still nearly full right after a full
 * collection (the JVM spends its time collecting: the counter crawls until an OutOfMemoryError).
 * The threshold is {@code segur.health.heap-after-gc-max} (0.95 of the old generation's maximum).
 */
@Liveness
@ApplicationScoped
public class JvmLiveness implements HealthCheck {
  static final String NAME = "jvm";

  private double heapAfterGcMax;

  protected JvmLiveness() {}

  @Inject
  public JvmLiveness(
      @ConfigProperty(name = "segur.health.heap-after-gc-max") double heapAfterGcMax) {
    this.heapAfterGcMax = heapAfterGcMax;
  }

  /** Built at start, for the reason {@link OutboxReadiness#readSettingsAtStart} gives. */
  void readSettingsAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // nothing: being called is what builds the bean, in the application's context
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder out = HealthCheckResponse.named(NAME);
    long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
    int deadlocks = deadlocked == null ? 0 : deadlocked.length;
    double afterGc = heapUsedAfterLastCollection();
    out.withData("deadlockedThreads", deadlocks)
        .withData("heapUsedAfterLastGcPercent", Math.round(afterGc * 100))
        .withData("heapAfterGcMaxPercent", Math.round(heapAfterGcMax * 100));
    return out.status(deadlocks == 0 && afterGc < heapAfterGcMax).build();
  }

  /**
   * The fullest old-generation pool right after its last collection, as a share of its maximum (0
   * when no collection ran yet or no pool has a maximum): what the collector could not free.
   */
  static double heapUsedAfterLastCollection() {
    double worst = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      // the old generation: the young pools are emptied by every collection and say nothing
      // (they support no usage threshold, HotSpot's MemoryPoolMXBean documentation)
      if (pool.getType() != MemoryType.HEAP
          || !pool.isUsageThresholdSupported()
          || !pool.isCollectionUsageThresholdSupported()) {
        continue;
      }
      MemoryUsage after = pool.getCollectionUsage();
      long max = pool.getUsage().getMax();
      if (after != null && max > 0) {
        worst = Math.max(worst, (double) after.getUsed() / max);
      }
    }
    return worst;
  }
}
