package fr.officine.segur.api.problem;

/**
 * An RFC 9457 problem as the API sends it ({@code application/problem+json}). {@code code} is the
 * catalogue constant's name, {@code lineId} names the prescription line at fault when there is one.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    String lineId) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ProblemType problemType, String detail, String instance, String lineId) {
    return new Problem(
        problemType.type().toString(),
        problemType.title(),
        problemType.status(),
        detail,
        instance,
        problemType.name(),
        lineId);
  }
}
