package fr.officine.segur.prescription;

import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;

/** A prescription number read from a request path. */
public final class PrescriptionNumbers {
  private PrescriptionNumbers() {}

  /** A malformed number is refused here, before any call to the base. */
  public static PrescriptionNumber parse(String text) {
    try {
      return PrescriptionNumber.of(text);
    } catch (InvalidIdentifierException e) {
      throw new ProblemException(ProblemType.INVALID_IDENTIFIER, e.getMessage(), null, e);
    }
  }
}
