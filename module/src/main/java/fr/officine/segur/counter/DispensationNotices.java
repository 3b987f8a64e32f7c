package fr.officine.segur.counter;

import fr.officine.segur.trust.ActingProfessional;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dispensation answered 201 (recorded or being recorded) is told to the other counters that have
 * the prescription open. A response filter rather than a call in the dispensation feature: the
 * notice is the counter page's concern, and it must never change how a dispensation is recorded.
 */
@Provider
public class DispensationNotices implements ContainerResponseFilter {
  private static final Pattern DISPENSATIONS =
      Pattern.compile("/?prescriptions/([^/]+)/dispensations/?");

  @Inject PresenceHub hub;
  @Inject ActingProfessional acting;

  /**
   * The answer's body is the stored (idempotent) answer as bytes, so the facts are read from the
   * request path and the Location header ({@code .../dispensations/{id}}).
   */
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    URI location = response.getLocation();
    if (!"POST".equals(request.getMethod())
        || response.getStatus() != 201
        || location == null
        || !acting.isAuthenticated()) {
      return;
    }
    Matcher m = DISPENSATIONS.matcher(path);
    if (m.matches()) {
      String id = location.getPath().substring(location.getPath().lastIndexOf('/') + 1);
      hub.dispensed(m.group(1), id, acting.account());
    }
  }
}
