package fr.officine.segur.trust;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.session.SessionRequest;
import fr.officine.segur.api.session.SessionView;
import fr.officine.segur.audit.AuditContext;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/v1/sessions}: open a session (login + password), see it, close it. */
@Path("sessions")
@RequestScoped
public class SessionResource {
  private Sessions sessions;
  private ActingProfessional acting;
  private AuditContext audit;

  protected SessionResource() {}

  @Inject
  public SessionResource(Sessions sessions, ActingProfessional acting, AuditContext audit) {
    this.sessions = sessions;
    this.acting = acting;
    this.audit = audit;
  }

  @POST
  @Public
  @Performs(Action.LOGIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response open(SessionRequest request) {
    if (request == null) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST, "Corps attendu : {\"login\":…,\"password\":…}.");
    }
    audit.attemptedLogin(request.login());
    SessionView view = sessions.open(request.login(), request.password());
    return Response.status(Response.Status.CREATED).entity(view).build();
  }

  /** Who am I: the page uses it to restore its state after a reload (extension). */
  @GET
  @Path("current")
  @Produces(MediaType.APPLICATION_JSON)
  public SessionView current() {
    Account a = acting.account();
    return new SessionView(
        null, null, Sessions.professionalView(a), Sessions.pharmacyView(a.pharmacy()));
  }

  /** Log out (extension): the token stops working at once. */
  @DELETE
  @Path("current")
  public Response close() {
    sessions.close(acting.sessionTokenHash());
    return Response.noContent().build();
  }
}
