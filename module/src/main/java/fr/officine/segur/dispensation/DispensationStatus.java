package fr.officine.segur.dispensation;

/** Where a dispensation stands with the e-prescription base. */
public enum DispensationStatus {
  /** stored, sent or about to be sent; the base's answer is not known yet */
  SUBMITTING,
  /** accepted by the base */
  RECORDED,
  /** definitively refused by the base (over-delivery, closed, expired, ...) */
  REFUSED
}
