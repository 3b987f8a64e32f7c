package fr.officine.segur.trust.cps;

import fr.officine.segur.api.session.CpsSessionRequest;
import fr.officine.segur.api.session.CpsSessionView;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import fr.officine.segur.trust.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/sessions/cps} (extension of the sessions contract): open a session with the CPS
 * card in a reader of the machine running the module, and list those readers.
 */
@Path("sessions/cps")
@RequestScoped
public class CpsSessionResource {
  private CardSessions cardSessions;
  private PcscCards cards;
  private CpsWorkstations workstations;

  @Context private HttpServletRequest servletRequest;

  protected CpsSessionResource() {}

  @Inject
  public CpsSessionResource(
      CardSessions cardSessions, PcscCards cards, CpsWorkstations workstations) {
    this.cardSessions = cardSessions;
    this.cards = cards;
    this.workstations = workstations;
  }

  @POST
  @Public
  @Performs(Action.LOGIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response open(CpsSessionRequest request) {
    // only the machine holding the reader: checked before the card is touched (issue 11 §13)
    workstations.check(servletRequest.getRemoteAddr());
    char[] pin =
        request == null || request.pin() == null ? new char[0] : request.pin().toCharArray();
    try {
      CpsSessionView view =
          cardSessions.open(
              pin,
              Optional.ofNullable(request).map(CpsSessionRequest::reader).filter(r -> !r.isBlank()),
              request != null && Boolean.TRUE.equals(request.confirmLastTry()));
      return Response.status(Response.Status.CREATED).entity(view).build();
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  /**
   * The PC/SC readers the module sees (to choose one, or to diagnose "no reader"). They are the
   * readers of the machine running the module, so only the workstations allowed to log in with the
   * card ({@link CpsWorkstations}: loopback by default) may list them: another host of the LAN
   * learns nothing about this machine (issue 11 §12).
   */
  @GET
  @Public
  @Path("readers")
  @Produces(MediaType.APPLICATION_JSON)
  public List<String> readers() {
    workstations.checkReaders(servletRequest.getRemoteAddr());
    return cards.readers();
  }
}
