package fr.officine.segur.supervision;

import fr.officine.segur.config.Settings;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.supervision.SupervisionQueries.Waiting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: the sends waiting in the outbox, per target (how many, the oldest's age in
 * seconds). A waiting send does not stop a node from serving the counter: the outbox is the
 * instance's, shared by every node, and a DMP outage makes every node's sends wait alike, so by
 * default this check stays UP and only says what waits (alert on the metrics). An operator who
 * wants a node out past some wait sets {@code segur.health.outbox-max-wait} (PT0S: never).
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {
  static final String NAME = "outbox";

  private SupervisionQueries queries;
  private Duration maxWait;
  private Clock clock;

  protected OutboxReadiness() {}

  @Inject
  public OutboxReadiness(SupervisionQueries queries, Config config) {
    this(queries, Settings.duration(config, "segur.health.outbox-max-wait"), Clock.systemUTC());
  }

  OutboxReadiness(SupervisionQueries queries, Duration maxWait, Clock clock) {
    this.queries = queries;
    this.maxWait = maxWait;
    this.clock = clock;
  }

  /**
   * Built when the application starts, not at the first /health/ready: Payara runs the health
   * checks on its own servlet's thread, where the injected {@code Config} did not see the
   * application's microprofile-config.properties, and a first probe got 500 « is not set »
   * (CounterFlowLgoIT, supervision test; the same for JvmLiveness' injected threshold). Read at
   * start, a wrong setting also fails the deployment instead of every probe.
   */
  void readSettingsAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // nothing: being called is what builds the bean, in the application's context
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder out = HealthCheckResponse.named(NAME);
    Map<OutboxTarget, Waiting> waiting;
    try {
      waiting = queries.waitingSends();
    } catch (RuntimeException e) {
      return out.down().withData("error", e.getClass().getSimpleName()).build();
    }
    boolean up = true;
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (Map.Entry<OutboxTarget, Waiting> e : waiting.entrySet()) {
      String target = e.getKey().name();
      long age = ageSeconds(e.getValue(), now);
      out.withData(target + ".waiting", e.getValue().count())
          .withData(target + ".oldestWaitingSeconds", age);
      if (!maxWait.isZero() && age > maxWait.toSeconds()) {
        up = false;
      }
    }
    if (!maxWait.isZero()) {
      out.withData("maxWaitSeconds", maxWait.toSeconds());
    }
    return out.status(up).build();
  }

  /** 0 when nothing waits. */
  static long ageSeconds(Waiting w, OffsetDateTime now) {
    return w.oldestSince()
        .map(since -> Math.max(0, Duration.between(since, now).toSeconds()))
        .orElse(0L);
  }
}
