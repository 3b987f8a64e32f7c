package fr.officine.segur.api.client;

import fr.officine.segur.api.problem.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns every {@code application/problem+json} answer (status 400 and above) into a {@link
 * ProblemResponseException} carrying the problem, so that a caller of {@link SegurApi} handles the
 * module's errors by their catalogue code, not by parsing text.
 */
public class ProblemExceptionMapper implements ResponseExceptionMapper<ProblemResponseException> {
  @Override
  public boolean handles(int status, MultivaluedMap<String, Object> headers) {
    Object type = headers.getFirst("Content-Type");
    return status >= 400 && type != null && type.toString().startsWith(Problem.MEDIA_TYPE);
  }

  @Override
  public ProblemResponseException toThrowable(Response response) {
    // read as JSON: the problem media type is JSON (RFC 9457 §3), the JSON-B reader takes it so
    response.getHeaders().putSingle("Content-Type", MediaType.APPLICATION_JSON);
    return new ProblemResponseException(response.readEntity(Problem.class));
  }
}
