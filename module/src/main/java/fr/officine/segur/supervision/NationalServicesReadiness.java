package fr.officine.segur.supervision;

import fr.officine.segur.counter.NationalService;
import fr.officine.segur.counter.ServiceHealth;
import fr.officine.segur.counter.ServiceHealth.Observed;
import fr.officine.segur.counter.ServiceHealth.State;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: each national service as this node last saw it (its last real call or
 * background probe, {@link ServiceHealth}): {@code <SERVICE>} is UP, DEGRADED, DOWN or UNKNOWN (not
 * called yet), with the last latency and the reason of the last failure.
 *
 * <p>Every node shares the same national services: if a DMP outage took every node out of the load
 * balancer, the counter page itself would be gone, and with it « DMP indisponible, l'envoi attend »
 * and the paper fallback the pharmacist needs. So by default the check reports the state and stays
 * UP; {@code segur.health.ready-requires} (e.g. {@code EPRESCRIPTION}) lists the services whose
 * failure must take the node out (a node that alone cannot reach the base, behind a balancer that
 * keeps serving when every node is out).
 */
@Readiness
@ApplicationScoped
public class NationalServicesReadiness implements HealthCheck {
  static final String NAME = "national-services";

  private ServiceHealth health;
  private Set<NationalService> required;

  protected NationalServicesReadiness() {}

  /**
   * Read through {@link Config}: Payara's injection of an {@code Optional<List<…>>} fails at
   * runtime.
   */
  @Inject
  public NationalServicesReadiness(ServiceHealth health, Config config) {
    this(
        health,
        config
            .getOptionalValues("segur.health.ready-requires", String.class)
            .orElse(List.of())
            .stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(NationalService::valueOf)
            .toList());
  }

  NationalServicesReadiness(ServiceHealth health, List<NationalService> required) {
    this.health = health;
    this.required =
        required.isEmpty() ? EnumSet.noneOf(NationalService.class) : EnumSet.copyOf(required);
  }

  /** Built at start, for the reason {@link OutboxReadiness#readSettingsAtStart} gives. */
  void readSettingsAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // nothing: being called is what builds the bean, in the application's context
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder out = HealthCheckResponse.named(NAME);
    boolean up = true;
    for (NationalService s : NationalService.values()) {
      Observed o = health.observed(s);
      out.withData(s.name(), o.state().name());
      o.lastLatencyMs().ifPresent(ms -> out.withData(s.name() + ".lastLatencyMs", ms));
      if (o.state() == State.DOWN) {
        o.lastFailure().ifPresent(at -> out.withData(s.name() + ".downSince", at.toString()));
        o.lastFailureReason().ifPresent(r -> out.withData(s.name() + ".reason", r));
        if (required.contains(s)) {
          up = false;
        }
      }
    }
    if (!required.isEmpty()) {
      out.withData("requiredForReadiness", required.toString());
    }
    return out.status(up).build();
  }
}
