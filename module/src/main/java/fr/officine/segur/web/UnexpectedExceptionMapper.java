package fr.officine.segur.web;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.audit.LogSafe;
import fr.officine.segur.data.DatabaseUnavailable;
import fr.officine.segur.problem.ProblemResponses;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else is a defect of the module: the client gets an incident id to quote, the log gets
 * the stack trace under the same id; no internal detail ever reaches the client. Except the
 * module's own database out of reach (restarting, failing over): not a defect but a moment,
 * answered 503 {@code database-unavailable} with Retry-After and one log line, so that a counter or
 * an LGO asks again instead of reporting an incident (issue 13 §6).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  /** A database restart takes seconds: ask again soon, not at once. */
  static final int RETRY_AFTER_SECONDS = 2;

  @Context private UriInfo uriInfo;

  /** What a failure is answered: its problem, the detail, and when to ask again if at all. */
  record Answer(ProblemType type, String detail, OptionalInt retryAfterSeconds) {}

  @Override
  public Response toResponse(Throwable e) {
    String instance = ProblemResponses.instance(uriInfo);
    Answer answer = answer(e, instance);
    Response problem = ProblemResponses.of(answer.type(), answer.detail(), null, instance);
    return answer.retryAfterSeconds().isEmpty()
        ? problem
        : Response.fromResponse(problem)
            .header(HttpHeaders.RETRY_AFTER, answer.retryAfterSeconds().getAsInt())
            .build();
  }

  /**
   * The one decision: a database out of reach (one log line, ask again in {@link
   * #RETRY_AFTER_SECONDS}), or a defect (the stack trace logged under a new incident id).
   */
  static Answer answer(Throwable e, String instance) {
    var unreachable = DatabaseUnavailable.in(e);
    if (unreachable.isPresent()) {
      LOG.warning(
          () ->
              "Database unavailable on "
                  + LogSafe.path(instance)
                  + ": SQLSTATE "
                  + unreachable.get().getSQLState()
                  + " "
                  + LogSafe.causes(unreachable.get()));
      return new Answer(
          ProblemType.DATABASE_UNAVAILABLE, null, OptionalInt.of(RETRY_AFTER_SECONDS));
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Incident " + incident + " on " + LogSafe.path(instance), e);
    return new Answer(
        ProblemType.INTERNAL_ERROR, "Incident " + incident + ".", OptionalInt.empty());
  }
}
