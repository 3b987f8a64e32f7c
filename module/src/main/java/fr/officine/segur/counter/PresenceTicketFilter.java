package fr.officine.segur.counter;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemResponses;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Redeems the presence stream's ticket before the resource method runs. Refused here, the answer is
 * an ordinary 401 problem: once the method has its {@code SseEventSink}, the container has already
 * committed {@code 200 text/event-stream}, and an error raised from there went through the response
 * filters without a resource (issue 11 §5: an empty 200 and ~40 KB of SEVERE stack traces per bogus
 * request, a free way to flood the log). Nothing is logged for a refusal.
 */
@Provider
@PresenceTicketRequired
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class PresenceTicketFilter implements ContainerRequestFilter {
  static final String REDEEMED = PresenceTicketFilter.class.getName() + ".redeemed";

  private PresenceTickets tickets;

  /** For CDI's client proxy only. */
  protected PresenceTicketFilter() {}

  @Inject
  public PresenceTicketFilter(PresenceTickets tickets) {
    this.tickets = tickets;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String number = request.getUriInfo().getPathParameters().getFirst("number");
    String ticket = request.getUriInfo().getQueryParameters().getFirst("ticket");
    // no prescription in the path: the pharmacy's event stream (PharmacyEventsResource)
    Optional<PresenceTickets.Redeemed> redeemed =
        number == null
            ? tickets.redeemWithSession(ticket, PharmacyEventsResource.SCOPE)
            : PrescriptionNumber.isValid(number)
                ? tickets.redeemWithSession(ticket, number)
                : Optional.empty();
    if (redeemed.isEmpty()) {
      request.abortWith(
          ProblemResponses.of(
              ProblemType.UNAUTHENTICATED,
              "Ticket de présence inconnu, expiré ou déjà utilisé.",
              null,
              request.getUriInfo().getRequestUri().getRawPath()));
      return;
    }
    request.setProperty(REDEEMED, redeemed.get());
  }
}
