package fr.officine.segur.counter;

import fr.officine.segur.api.outbox.OutboxView;
import fr.officine.segur.counter.HealthViews.ServiceView;
import fr.officine.segur.counter.HealthViews.ServicesHealthView;
import fr.officine.segur.outbox.OutboxResource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;

/**
 * The status bar of the counter: one light per national service, as the module's own calls saw
 * them, and the pharmacy's waiting sends. Polled by the page; cheap (memory + one outbox query).
 */
@Path("health")
@RequestScoped
public class HealthResource {
  /** What still works when the e-prescription base does not answer (said on the page as is). */
  static final List<String> WHEN_BASE_DOWN =
      List.of(
          "Délivrez sur l’ordonnance papier du patient, comme en mode dégradé habituel.",
          "Une délivrance déjà commencée peut être renvoyée avec le même bouton : elle ne sera jamais enregistrée deux fois.",
          "Les envois au DMP déjà enregistrés partiront d’eux-mêmes dès le retour du service.");

  private ServiceHealth health;
  private OutboxResource outbox;

  protected HealthResource() {}

  @Inject
  public HealthResource(ServiceHealth health, OutboxResource outbox) {
    this.health = health;
    this.outbox = outbox;
  }

  @GET
  @Path("services")
  @Produces(MediaType.APPLICATION_JSON)
  public ServicesHealthView services() {
    List<ServiceView> services =
        Arrays.stream(NationalService.values()).map(s -> view(health.observed(s))).toList();
    OutboxView pending = outbox.summary();
    boolean baseDown =
        health.observed(NationalService.EPRESCRIPTION).state() == ServiceHealth.State.DOWN;
    return new ServicesHealthView(
        services,
        pending.pending(),
        pending.oldestPendingSeconds(),
        pending.label(),
        baseDown,
        baseDown ? WHEN_BASE_DOWN : List.of());
  }

  private static ServiceView view(ServiceHealth.Observed o) {
    return new ServiceView(
        o.service().name(),
        o.service().label(),
        o.state().name(),
        switch (o.state()) {
          case UP -> "Disponible";
          case DEGRADED -> "Ralenti";
          case DOWN -> "Indisponible";
          case UNKNOWN -> "Pas encore appelé";
        },
        o.lastLatencyMs().orElse(null),
        o.lastSuccess().orElse(null),
        o.lastFailure().orElse(null),
        o.lastFailureReason().orElse(null));
  }
}
