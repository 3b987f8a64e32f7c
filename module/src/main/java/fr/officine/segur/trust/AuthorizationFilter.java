package fr.officine.segur.trust;

import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.problem.ProblemResponses;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Checks the acting professional's role against the habilitation matrix for the method's {@link
 * Performs} action (or its {@link Allowed} roles): 403 FORBIDDEN otherwise.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
@ApplicationScoped
public class AuthorizationFilter implements ContainerRequestFilter {
  private ActingProfessional acting;

  @Context private ResourceInfo resourceInfo;

  protected AuthorizationFilter() {}

  @Inject
  public AuthorizationFilter(ActingProfessional acting) {
    this.acting = acting;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resourceInfo.getResourceMethod();
    if (method == null || method.isAnnotationPresent(Public.class)) {
      return;
    }
    try {
      Authorizer.check(acting.role(), method);
    } catch (ProblemException e) {
      request.abortWith(
          ProblemResponses.of(
              e.type(), e.detail(), null, request.getUriInfo().getRequestUri().getRawPath()));
    }
  }
}
