package fr.officine.segur.prescription;

/** What the counter needs to know of a prescription's state (API values). */
public enum PrescriptionStatus {
  /** nothing delivered yet */
  OPEN,
  /** partly delivered, something remains */
  PARTIAL,
  /** fully delivered: closed for everyone */
  COMPLETE,
  /** first delivery not made within 3 months of the prescription date */
  EXPIRED
}
