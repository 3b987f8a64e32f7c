package fr.officine.segur.counter;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Performs;
import fr.officine.segur.trust.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;

/**
 * The counter screen's live stream of its pharmacy's dispensations ({@link PharmacyEvents}): {@code
 * POST /api/v1/counter/events/ticket} (bearer) gives a one-use 30-second ticket, then {@code GET
 * /api/v1/counter/events?ticket=} is the event stream (EventSource cannot send the bearer token;
 * the same tickets as the presence stream, see {@link PresenceTickets}).
 */
@Path("counter/events")
@RequestScoped
public class PharmacyEventsResource {
  /** The tickets' scope: not a prescription number (those are 18 characters), so never mixed up. */
  static final String SCOPE = "pharmacy-events";

  private PresenceTickets tickets;
  private PharmacyEvents events;
  private ActingProfessional acting;

  protected PharmacyEventsResource() {}

  @Inject
  public PharmacyEventsResource(PresenceTickets tickets, PharmacyEvents events, ActingProfessional acting) {
    this.tickets = tickets;
    this.events = events;
    this.acting = acting;
  }

  @Performs(Action.COUNTER_EVENTS)
  @POST
  @Path("ticket")
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject ticket() {
    return Json.createObjectBuilder()
        .add("ticket", tickets.issue(acting.account(), acting.sessionTokenHash(), SCOPE))
        .add("expiresInSeconds", PresenceTickets.TTL.toSeconds())
        .build();
  }

  /** Authenticated by the ticket, hence @Public for the bearer filter. */
  @GET
  @Public
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(@QueryParam("ticket") String ticket, @Context SseEventSink sink, @Context Sse sse) {
    Optional<PresenceTickets.Redeemed> redeemed = tickets.redeemWithSession(ticket, SCOPE);
    if (redeemed.isEmpty()) {
      sink.close();
      throw new ProblemException(ProblemType.UNAUTHENTICATED, "Ticket inconnu, expiré ou déjà utilisé.");
    }
    events.join(redeemed.get().account(), redeemed.get().sessionTokenHash(), sink, sse);
  }
}
