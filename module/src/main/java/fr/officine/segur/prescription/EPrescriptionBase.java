package fr.officine.segur.prescription;

import fr.officine.segur.api.id.PrescriptionNumber;

/**
 * The port to the national e-prescription base (CNAM téléservice, here its stand-in WSDL). Every
 * failure is a {@link fr.officine.segur.problem.ProblemException} of the catalogue:
 * PRESCRIPTION_NOT_FOUND, PRESCRIPTION_EXPIRED, OVER_DELIVERY (with the line), ... and
 * EPRESCRIPTION_UNAVAILABLE when the answer is unknown (timeout, connection refused, 5xx): then the
 * caller must assume the execution may or may not have been recorded and resend the same id.
 */
public interface EPrescriptionBase {

  Prescription consult(PrescriptionNumber number, CallerContext caller);

  ExecutionOutcome recordExecution(ExecutionOrder order, CallerContext caller);
}
