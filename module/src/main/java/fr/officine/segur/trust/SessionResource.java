package fr.officine.segur.trust;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.session.LoginFailuresView;
import fr.officine.segur.api.session.SessionRequest;
import fr.officine.segur.api.session.SessionView;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/v1/sessions}: open a session (login + password), see it, close it. */
@Path("sessions")
@RequestScoped
public class SessionResource {
  private Sessions sessions;
  private ActingProfessional acting;
  private LoginThrottle throttle;
  private LoginFailures failures;

  @Context private HttpServletRequest servletRequest;

  protected SessionResource() {}

  @Inject
  public SessionResource(
      Sessions sessions,
      ActingProfessional acting,
      LoginThrottle throttle,
      LoginFailures failures) {
    this.sessions = sessions;
    this.acting = acting;
    this.throttle = throttle;
    this.failures = failures;
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
    acting.attempted(request.login());
    String address = servletRequest.getRemoteAddr();
    // delayed or locked: refused before the password is even checked (issue 11 §6)
    throttle.checkAllowed(request.login(), address);
    SessionView view;
    try {
      view = sessions.open(request.login(), request.password());
    } catch (ProblemException e) {
      if (e.type() == ProblemType.BAD_CREDENTIALS) {
        throttle.failed(request.login(), address);
      }
      throw e;
    }
    throttle.succeeded(request.login());
    return Response.status(Response.Status.CREATED).entity(view).build();
  }

  /**
   * The refused logins of the pharmacy's accounts and the accounts slowed down or locked now
   * (extension, issue 11 §6): the titulaire sees who is being guessed, from where.
   */
  @GET
  @Path("failures")
  @Performs(Action.LOGIN_FAILURES_READ)
  @Produces(MediaType.APPLICATION_JSON)
  public LoginFailuresView failures() {
    return failures.of(acting.account().pharmacy());
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
