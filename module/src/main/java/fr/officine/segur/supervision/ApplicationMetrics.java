package fr.officine.segur.supervision;

import fr.officine.segur.counter.NationalService;
import fr.officine.segur.counter.ServiceHealth;
import fr.officine.segur.data.SchemaReady;
import fr.officine.segur.dispensation.DispensationStatus;
import fr.officine.segur.outbox.OutboxTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The module's application metrics (issue 16 §3), served by Payara's MicroProfile Metrics in
 * Prometheus format at {@code /metrics?scope=application} (Metrics 5.1: the scope is a query
 * parameter; Metrics 4's {@code /metrics/application} is gone):
 *
 * <ul>
 *   <li>{@code segur_dispensations{status}}: the instance's dispensations in each status, from the
 *       database (RECORDED, REFUSED, NOT_RECORDED, IN_DOUBT…): every node reads the same figure, so
 *       aggregate with {@code max}, not {@code sum};
 *   <li>{@code segur_outbox_waiting{target}} and {@code
 *       segur_outbox_oldest_waiting_seconds{target}}: the sends still to go out, per target, and
 *       the oldest one's age;
 *   <li>{@code segur_national_service_calls_seconds{service,outcome}}: this node's calls and probes
 *       of each national service (a timer: count, sum, max, quantiles), {@code outcome} answered or
 *       failed (no usable answer, or the pharmacy's certificate refused); {@code
 *       segur_national_service_up{service}}: 1 up or slow, 0 down, -1 not called yet.
 * </ul>
 *
 * The database figures are read at each scrape (one small aggregate query per series).
 */
@ApplicationScoped
public class ApplicationMetrics implements ServiceHealth.CallListener {
  private static final Logger LOG = Logger.getLogger(ApplicationMetrics.class.getName());
  private Instance<MetricRegistry> registries;
  private MetricRegistry registry;
  private SupervisionQueries queries;
  private ServiceHealth health;
  private final Clock clock = Clock.systemUTC();
  private volatile boolean registered;

  protected ApplicationMetrics() {}

  @Inject
  public ApplicationMetrics(
      @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE) Instance<MetricRegistry> registries,
      SupervisionQueries queries,
      ServiceHealth health) {
    this.registries = registries; // resolved in register: with metrics off its producer throws
    this.queries = queries;
    this.health = health;
  }

  /**
   * Registered once the schema exists (the gauges query it). deploy/run.sh switches Payara's
   * MicroProfile Metrics off by default (issue 11 §12: no unauthenticated {@code /metrics}); its
   * registry then fails at first use (a NullPointerException inside Payara's MetricsService), and
   * that failure must not stop the deployment: the module runs without application metrics.
   */
  void register(@Observes SchemaReady ready) {
    try {
      registry = registries.get();
      registerGauges();
      registered = true;
    } catch (RuntimeException metricsSwitchedOff) {
      LOG.info(
          "MicroProfile Metrics is switched off: no application metrics ("
              + metricsSwitchedOff
              + ")");
    }
  }

  private void registerGauges() {
    Metadata dispensations =
        Metadata.builder()
            .withName("segur.dispensations")
            .withDescription(
                "Dispensations of the instance in each status (database; same on every node)")
            .build();
    for (DispensationStatus s : DispensationStatus.values()) {
      registry.gauge(
          dispensations, () -> queries.dispensations(s.name()), new Tag("status", s.name()));
    }
    Metadata waiting =
        Metadata.builder()
            .withName("segur.outbox.waiting")
            .withDescription("Sends waiting in the outbox")
            .build();
    Metadata oldest =
        Metadata.builder()
            .withName("segur.outbox.oldest.waiting")
            .withDescription("Age of the oldest send waiting in the outbox (0: none)")
            .withUnit(MetricUnits.SECONDS)
            .build();
    for (OutboxTarget t : OutboxTarget.values()) {
      Tag target = new Tag("target", t.name());
      registry.gauge(waiting, () -> queries.waitingSends().get(t).count(), target);
      registry.gauge(
          oldest,
          () ->
              OutboxReadiness.ageSeconds(queries.waitingSends().get(t), OffsetDateTime.now(clock)),
          target);
    }
    Metadata up =
        Metadata.builder()
            .withName("segur.national.service.up")
            .withDescription(
                "Last call or probe of the national service: 1 answered, 0 failed, -1 not called yet")
            .build();
    for (NationalService s : NationalService.values()) {
      registry.gauge(up, () -> upValue(health.observed(s).state()), new Tag("service", s.name()));
    }
  }

  @Override
  public void ended(NationalService service, Duration latency, boolean answered) {
    if (!registered) {
      return; // metrics switched off (see register): a national service call never fails for them
    }
    registry
        .timer(
            Metadata.builder()
                .withName("segur.national.service.calls")
                .withDescription(
                    "Calls and probes of each national service by this node, and their latency")
                .withUnit(MetricUnits.SECONDS)
                .build(),
            new Tag("service", service.name()),
            new Tag("outcome", answered ? "answered" : "failed"))
        .update(latency);
  }

  static int upValue(ServiceHealth.State state) {
    return switch (state) {
      case UP, DEGRADED -> 1;
      case DOWN -> 0;
      case UNKNOWN -> -1;
    };
  }
}
