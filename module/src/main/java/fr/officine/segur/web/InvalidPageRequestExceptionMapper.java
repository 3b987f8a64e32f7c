package fr.officine.segur.web;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.http.InvalidPageRequestException;
import fr.officine.segur.problem.ProblemResponses;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A page of a list asked with a bad {@code limit} or {@code cursor}: 400 MALFORMED_REQUEST, said in
 * French.
 */
@Provider
public class InvalidPageRequestExceptionMapper
    implements ExceptionMapper<InvalidPageRequestException> {
  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(InvalidPageRequestException e) {
    return ProblemResponses.of(
        ProblemType.MALFORMED_REQUEST, e.getMessage(), null, ProblemResponses.instance(uriInfo));
  }
}
