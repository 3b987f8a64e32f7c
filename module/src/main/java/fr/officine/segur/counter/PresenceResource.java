package fr.officine.segur.counter;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.session.TicketView;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import fr.officine.segur.trust.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * "Un collègue a cette ordonnance ouverte": {@code POST .../presence/ticket} (bearer) gives a
 * one-use ticket, then {@code GET .../presence?ticket=} is the event stream (EventSource cannot
 * send a bearer token; see {@link PresenceTickets} for why not a cookie). Events: {@code presence}
 * (the other counters of the same pharmacy on this prescription, with name and since when) and
 * {@code dispensation} (one was recorded: re-read the prescription).
 */
@Path("prescriptions/{number}/presence")
@RequestScoped
public class PresenceResource {
  private PresenceTickets tickets;
  private PresenceHub hub;
  private ActingProfessional acting;

  protected PresenceResource() {}

  @Inject
  public PresenceResource(PresenceTickets tickets, PresenceHub hub, ActingProfessional acting) {
    this.tickets = tickets;
    this.hub = hub;
    this.acting = acting;
  }

  @Performs(Action.PRESENCE)
  @POST
  @Path("ticket")
  @Produces(MediaType.APPLICATION_JSON)
  public TicketView ticket(@PathParam("number") String number) {
    String checked = PrescriptionNumber.of(number).value();
    return new TicketView(
        tickets.issue(acting.account(), acting.sessionTokenHash(), checked),
        PresenceTickets.TTL.toSeconds());
  }

  /** The screen moved on (another prescription, logout): the others are told at once. */
  @Performs(Action.PRESENCE)
  @DELETE
  @Path("{viewerId}")
  public void leave(@PathParam("number") String number, @PathParam("viewerId") String viewerId) {
    hub.leave(PrescriptionNumber.of(number).value(), viewerId, acting.account());
  }

  /**
   * Authenticated by the ticket (redeemed by {@link PresenceTicketFilter} before the stream is
   * opened), hence @Public for the bearer filter.
   */
  @GET
  @Public
  @PresenceTicketRequired
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @PathParam("number") String number,
      @Context ContainerRequestContext request,
      @Context SseEventSink sink,
      @Context Sse sse) {
    if (!(request.getProperty(PresenceTicketFilter.REDEEMED)
        instanceof PresenceTickets.Redeemed redeemed)) {
      // the filter refuses every other case; never reached, kept closed all the same
      sink.close();
      return;
    }
    hub.join(
        PrescriptionNumber.of(number).value(),
        redeemed.account(),
        redeemed.sessionTokenHash(),
        sink,
        sse);
  }
}
