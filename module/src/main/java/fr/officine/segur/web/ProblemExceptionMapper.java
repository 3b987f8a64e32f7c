package fr.officine.segur.web;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.audit.LogSafe;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.problem.ProblemResponses;
import fr.officine.segur.problem.RetryLaterException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A problem of the catalogue, raised anywhere, as problem+json. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
  private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class.getName());

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(ProblemException e) {
    if (e.type() == ProblemType.EPRESCRIPTION_UNAVAILABLE) {
      // expected when the base is down: one line, not a stack trace per counter request
      LOG.warning(
          () ->
              e.type()
                  + " on "
                  + LogSafe.path(ProblemResponses.instance(uriInfo))
                  + ": "
                  + LogSafe.causes(e.getCause()));
    } else if (e.type().status() >= 500) {
      LOG.log(Level.WARNING, e.type() + ": " + e.detail(), e.getCause());
    }
    Response problem =
        ProblemResponses.of(
            e.type(), e.detail(), e.lineId().orElse(null), ProblemResponses.instance(uriInfo));
    if (e instanceof RetryLaterException later) {
      return Response.fromResponse(problem)
          .header(HttpHeaders.RETRY_AFTER, later.retryAfterSeconds())
          .build();
    }
    return problem;
  }
}
