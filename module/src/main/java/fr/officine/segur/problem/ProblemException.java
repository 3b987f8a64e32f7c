package fr.officine.segur.problem;

import fr.officine.segur.api.problem.ProblemType;
import java.util.Optional;

/**
 * A failure the pharmacist must see as one of the catalogue's problems. Thrown by any feature,
 * turned into {@code application/problem+json} by the web layer.
 */
public class ProblemException extends RuntimeException {
  private final ProblemType type;
  private final String lineId;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, null, null);
  }

  public ProblemException(ProblemType type, String detail, String lineId, Throwable cause) {
    super(detail, cause);
    this.type = type;
    this.lineId = lineId;
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  public Optional<String> lineId() {
    return Optional.ofNullable(lineId);
  }
}
