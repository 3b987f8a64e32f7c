package fr.officine.segur.web;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.problem.ProblemResponses;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAX-RS's own refusals (no such resource, wrong method, wrong media type, unreadable parameter) as
 * problems of the catalogue, so that an LGO sees one error shape whatever failed.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(WebApplicationException e) {
    Optional<ProblemException> limit = ProblemResponses.problemCause(e);
    if (limit.isPresent()) {
      // a limit checked while the body was read (size, field length), wrapped by the reader
      return ProblemResponses.of(
          limit.get().type(), limit.get().detail(), null, ProblemResponses.instance(uriInfo));
    }
    int status = e.getResponse().getStatus();
    ProblemType type = problemFor(status);
    if (type == ProblemType.INTERNAL_ERROR) {
      LOG.log(Level.SEVERE, "JAX-RS answered " + status, e);
    }
    Response problem =
        ProblemResponses.of(type, detailFor(type), null, ProblemResponses.instance(uriInfo));
    if (status == 405) {
      // RFC 9110 §15.5.6: a 405 lists the methods the resource supports
      return Response.fromResponse(problem)
          .header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
          .build();
    }
    return problem;
  }

  static ProblemType problemFor(int status) {
    return switch (status) {
      case 401 -> ProblemType.UNAUTHENTICATED;
      case 403 -> ProblemType.FORBIDDEN;
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 406 -> ProblemType.NOT_ACCEPTABLE;
      case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      default ->
          status >= 400 && status < 500
              ? ProblemType.MALFORMED_REQUEST
              : ProblemType.INTERNAL_ERROR;
    };
  }

  private static String detailFor(ProblemType type) {
    return switch (type) {
      case NOT_FOUND -> "Aucune ressource à cette adresse.";
      case METHOD_NOT_ALLOWED -> "Méthode HTTP non prise en charge à cette adresse.";
      case UNSUPPORTED_MEDIA_TYPE -> "Type de contenu non pris en charge ici.";
      case NOT_ACCEPTABLE -> "Seul JSON est disponible.";
      default -> type.title();
    };
  }
}
