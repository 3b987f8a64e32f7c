package fr.officine.segur.trust;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemResponses;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Every call of the API but opening a session needs {@code Authorization: Bearer <token>} of an
 * open session; the professional behind it becomes the request's {@link ActingProfessional}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthenticationFilter implements ContainerRequestFilter {
  private static final String BEARER = "Bearer ";

  private Sessions sessions;
  private ActingProfessional acting;

  @Context private ResourceInfo resourceInfo;

  protected AuthenticationFilter() {}

  @Inject
  public AuthenticationFilter(Sessions sessions, ActingProfessional acting) {
    this.sessions = sessions;
    this.acting = acting;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (resourceInfo.getResourceMethod() != null
        && resourceInfo.getResourceMethod().isAnnotationPresent(Public.class)) {
      return;
    }
    Optional<String> token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    Optional<Sessions.Authenticated> session = token.flatMap(sessions::authenticated);
    if (session.isEmpty()) {
      request.abortWith(
          ProblemResponses.of(
              ProblemType.UNAUTHENTICATED,
              token.isEmpty()
                  ? "En-tête Authorization: Bearer <jeton> absent."
                  : sessions.revocationReason(token.get()).orElse("Jeton inconnu ou expiré."),
              null,
              request.getUriInfo().getRequestUri().getRawPath()));
      return;
    }
    acting.become(session.get().account(), session.get().authMode(), Sessions.hash(token.get()));
  }

  static Optional<String> bearerToken(String header) {
    if (header == null || header.length() <= BEARER.length()) {
      return Optional.empty();
    }
    // RFC 7235: the scheme name is case-insensitive
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = header.substring(BEARER.length()).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
