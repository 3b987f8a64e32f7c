package fr.officine.segur.problem;

import fr.officine.segur.api.problem.Problem;
import fr.officine.segur.api.problem.ProblemType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/** Builds the one error shape of the API: RFC 9457 {@code application/problem+json}. */
public final class ProblemResponses {
  private ProblemResponses() {}

  public static Response of(ProblemType type, String detail, String lineId, String instance) {
    Response.ResponseBuilder r =
        Response.status(type.status())
            .type(Problem.MEDIA_TYPE)
            .entity(Problem.of(type, detail, instance, lineId));
    if (type.status() == 401) {
      // RFC 6750 §3: a 401 names the scheme the client must use
      r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"officine-segur\"");
    }
    return r.build();
  }

  /**
   * A problem raised under a container's exception (a body reader wraps what its stream throws).
   */
  public static Optional<ProblemException> problemCause(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ProblemException problem) {
        return Optional.of(problem);
      }
    }
    return Optional.empty();
  }

  /** {@code instance} is the path of the request that failed. */
  public static String instance(UriInfo uriInfo) {
    return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
  }
}
