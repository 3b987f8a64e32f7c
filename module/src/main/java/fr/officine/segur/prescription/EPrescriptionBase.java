package fr.officine.segur.prescription;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.trust.CallerContext;

/**
 * The port to the national e-prescription base (CNAM téléservice, here its stand-in WSDL). Every
 * failure is a {@link fr.officine.segur.problem.ProblemException} of the catalogue:
 * PRESCRIPTION_NOT_FOUND, PRESCRIPTION_EXPIRED, OVER_DELIVERY (with the line), ... and
 * EPRESCRIPTION_UNAVAILABLE when there is no answer, as a {@link BaseNoAnswer} saying whether the
 * request never reached the base (then nothing was recorded) or may have (then only the base can
 * tell: {@link #consult} lists each execution with its id).
 */
public interface EPrescriptionBase {

  Prescription consult(PrescriptionNumber number, CallerContext caller);

  ExecutionOutcome recordExecution(ExecutionOrder order, CallerContext caller);
}
