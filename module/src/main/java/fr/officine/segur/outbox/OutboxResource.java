package fr.officine.segur.outbox;

import fr.officine.segur.api.outbox.OutboxView;
import fr.officine.segur.api.outbox.RefusedSendView;
import fr.officine.segur.api.outbox.RetryView;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The pharmacy's outgoing sends: "n envois en attente d'un service" and the pharmacist's
 * "Réessayer".
 */
@Path("outbox")
@RequestScoped
public class OutboxResource {
  private static final int RECENT_REFUSALS = 20;

  private Outbox outbox;
  private OutboxPoller poller;
  private ActingProfessional acting;

  protected OutboxResource() {}

  @Inject
  public OutboxResource(Outbox outbox, OutboxPoller poller, ActingProfessional acting) {
    this.outbox = outbox;
    this.poller = poller;
    this.acting = acting;
  }

  @GET
  @Performs(Action.OUTBOX_READ)
  @Produces(MediaType.APPLICATION_JSON)
  public OutboxView summary() {
    Outbox.Summary s = outbox.summary(acting.pharmacy().finess(), RECENT_REFUSALS);
    Long oldest =
        s.pending().stream()
            .map(OutboxEntry::createdAt)
            .min(OffsetDateTime::compareTo)
            .map(t -> Math.max(0, Duration.between(t, OffsetDateTime.now()).toSeconds()))
            .orElse(null);
    int n = s.pending().size();
    // "of a service": what is counted is the sends queued for a national service (or the MSSanté
    // operator), not a document waiting for the pharmacist (a DMP document held until the INS is
    // qualified says so in its own sends box); a plain « Aucun envoi en attente » beside such a
    // document read as "nothing waits" (walk of 2026-12-04)
    String label =
        switch (n) {
          case 0 -> "Aucun envoi en attente d'un service";
          case 1 -> "1 envoi en attente d'un service";
          default -> n + " envois en attente d'un service";
        };
    return new OutboxView(
        n,
        oldest,
        label,
        s.refused().stream()
            .map(
                e ->
                    new RefusedSendView(
                        e.dispensationId().toString(),
                        e.target().name(),
                        e.reason().orElse(null),
                        e.attempts(),
                        e.lastAttemptAt().orElse(null),
                        e.reasonCode().map(Enum::name).orElse(null)))
            .toList());
  }

  /** Every waiting send of the pharmacy becomes due now, and the drain starts at once. */
  @POST
  @Path("retry")
  @Performs(Action.OUTBOX_ADMIN)
  @Produces(MediaType.APPLICATION_JSON)
  public RetryView retry() {
    int n = outbox.retryNow(acting.pharmacy().finess());
    poller.wake();
    return new RetryView(n);
  }
}
