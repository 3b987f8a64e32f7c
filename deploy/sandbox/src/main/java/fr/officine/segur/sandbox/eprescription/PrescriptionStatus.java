package fr.officine.segur.sandbox.eprescription;

/** The statuses of the stand-in WSDL's StatutPrescription. */
public enum PrescriptionStatus {
  OUVERTE,
  PARTIELLE,
  CLOTUREE,
  EXPIREE
}
