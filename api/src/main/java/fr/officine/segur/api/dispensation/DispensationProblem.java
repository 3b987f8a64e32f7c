package fr.officine.segur.api.dispensation;

import fr.officine.segur.api.problem.Problem;

/**
 * The 503 answer of {@code POST /prescriptions/{number}/dispensations} when the base did not
 * answer: an RFC 9457 problem ({@code status} is the HTTP status there, as the RFC requires) with
 * two extension members, {@code dispensationId} and {@code dispensationStatus} ({@code
 * NOT_RECORDED}: never reached the base, final; {@code IN_DOUBT}: may have reached it, settled
 * later), the same values as {@code GET /dispensations/{id}} then gives in its {@code status}.
 */
public record DispensationProblem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    String lineId,
    String dispensationId,
    String dispensationStatus) {

  public static DispensationProblem of(
      Problem p, String dispensationId, String dispensationStatus) {
    return new DispensationProblem(
        p.type(),
        p.title(),
        p.status(),
        p.detail(),
        p.instance(),
        p.code(),
        p.lineId(),
        dispensationId,
        dispensationStatus);
  }
}
