package fr.officine.segur.web;

import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemResponses;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * An identifier refused by its factory (api.id) that a resource did not translate itself: 422
 * INVALID_IDENTIFIER with the factory's French message (which never repeats the value).
 */
@Provider
public class InvalidIdentifierExceptionMapper
    implements ExceptionMapper<InvalidIdentifierException> {
  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(InvalidIdentifierException e) {
    return ProblemResponses.of(
        ProblemType.INVALID_IDENTIFIER, e.getMessage(), null, ProblemResponses.instance(uriInfo));
  }
}
