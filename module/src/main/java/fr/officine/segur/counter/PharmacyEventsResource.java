package fr.officine.segur.counter;

import fr.officine.segur.api.session.TicketView;
import fr.officine.segur.event.EventStreams;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import fr.officine.segur.trust.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;

/**
 * The counter screen's live stream of its pharmacy's dispensations and their sends: a view of the
 * durable event feed ({@link EventStreams}, dialect COUNTER: {@code dispensation} and {@code sends}
 * events, from now on), one mechanism with the LGO's {@code GET /api/v1/events}. {@code POST
 * /api/v1/counter/events/ticket} (bearer) gives a one-use 30-second ticket, then {@code GET
 * /api/v1/counter/events?ticket=} is the event stream (EventSource cannot send the bearer token;
 * the same tickets as the presence stream, see {@link PresenceTickets}).
 */
@Path("counter/events")
@RequestScoped
public class PharmacyEventsResource {
  /** The tickets' scope: not a prescription number (those are 18 characters), so never mixed up. */
  static final String SCOPE = "pharmacy-events";

  private PresenceTickets tickets;
  private EventStreams events;
  private ActingProfessional acting;

  protected PharmacyEventsResource() {}

  @Inject
  public PharmacyEventsResource(
      PresenceTickets tickets, EventStreams events, ActingProfessional acting) {
    this.tickets = tickets;
    this.events = events;
    this.acting = acting;
  }

  @Performs(Action.COUNTER_EVENTS)
  @POST
  @Path("ticket")
  @Produces(MediaType.APPLICATION_JSON)
  public TicketView ticket() {
    return new TicketView(
        tickets.issue(acting.account(), acting.sessionTokenHash(), SCOPE),
        PresenceTickets.TTL.toSeconds());
  }

  /**
   * Authenticated by the ticket, hence @Public for the bearer filter; redeemed by {@link
   * PresenceTicketFilter} before the stream is committed (a refusal is a plain 401 problem).
   */
  @GET
  @Public
  @PresenceTicketRequired
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @Context ContainerRequestContext request, @Context SseEventSink sink, @Context Sse sse) {
    if (!(request.getProperty(PresenceTicketFilter.REDEEMED)
        instanceof PresenceTickets.Redeemed redeemed)) {
      sink.close(); // the filter refuses every other case
      return;
    }
    events.join(
        redeemed.account(),
        redeemed.sessionTokenHash(),
        sink,
        sse,
        EventStreams.Dialect.COUNTER,
        Optional.empty());
  }
}
