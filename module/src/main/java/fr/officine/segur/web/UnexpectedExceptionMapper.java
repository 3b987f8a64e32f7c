package fr.officine.segur.web;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.audit.LogSafe;
import fr.officine.segur.problem.ProblemResponses;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else is a defect of the module: the client gets an incident id to quote, the log gets
 * the stack trace under the same id; no internal detail ever reaches the client.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable e) {
    String incident = UUID.randomUUID().toString();
    String instance = ProblemResponses.instance(uriInfo);
    LOG.log(Level.SEVERE, "Incident " + incident + " on " + LogSafe.path(instance), e);
    return ProblemResponses.of(
        ProblemType.INTERNAL_ERROR, "Incident " + incident + ".", null, instance);
  }
}
