package fr.officine.segur.web;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.audit.LogSafe;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.problem.ProblemResponses;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Jersey raises a ProcessingException when a body cannot be read into the expected record
 * (malformed JSON, wrong types): the client sent something unreadable, hence a 400. Logged, because
 * the same exception would also come from a response that cannot be written.
 */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
  private static final Logger LOG = Logger.getLogger(ProcessingExceptionMapper.class.getName());

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(ProcessingException e) {
    // A limit checked while the body was read (size, field length): that problem, not a 400.
    Optional<ProblemException> limit = ProblemResponses.problemCause(e);
    if (limit.isPresent()) {
      return ProblemResponses.of(
          limit.get().type(), limit.get().detail(), null, ProblemResponses.instance(uriInfo));
    }
    // the parser's messages quote the body (a password, an INS): only the exception classes
    LOG.info(
        () ->
            "Unreadable request body on "
                + LogSafe.path(ProblemResponses.instance(uriInfo))
                + ": "
                + LogSafe.causes(e));
    return ProblemResponses.of(
        ProblemType.MALFORMED_REQUEST,
        "Corps de requête illisible : JSON attendu, conforme au contrat de l'API.",
        null,
        ProblemResponses.instance(uriInfo));
  }
}
