package fr.officine.segur.api.safety;

/**
 * What a safety signal on one prescribed line is about. Those with {@link #acknowledgement()} block
 * recording the line until the pharmacist acknowledges them: the dispensation request carries the
 * acknowledgement ({@code acknowledgements[]}), the server refuses it otherwise (409) and audits
 * it.
 */
public enum LineAlertKind {
  /**
   * DP-Rappels: a lot of this product is recalled. Blocks until acknowledged, as in the real DP.
   */
  LOT_RECALL(true, "Rappel de lot"),
  /** DP-Ruptures: the product is out of stock nationally. */
  SHORTAGE(false, "Rupture"),
  /** The same product (CIP13) delivered recently by another pharmacy, for another prescription. */
  SAME_PRODUCT(false, "À vérifier"),
  /** The same molecule (ATC) delivered recently by another pharmacy, for another prescription. */
  SAME_MOLECULE(false, "À vérifier"),
  /**
   * A narcotic: the paper secure prescription (ordonnance sécurisée, Code de la santé publique
   * R.5132-5) is checked by the pharmacist before recording.
   */
  SECURE_PRESCRIPTION(true, "Stupéfiant"),
  /** A fractionated narcotic: one fraction per delivery (R.5132-30). */
  NARCOTIC_FRACTION(false, "Délivrance fractionnée"),
  /**
   * A narcotic presented more than 3 days after it was written (R.5132-33, « délai de carence »).
   */
  NARCOTIC_LATE_PRESENTATION(false, "Délai de 3 jours dépassé"),
  /**
   * A previous delivery of the same narcotic still covers the period (chevauchement, R.5132-33):
   * delivered only on the prescriber's express mention, acknowledged by the pharmacist.
   */
  NARCOTIC_OVERLAP(true, "Chevauchement");

  private final boolean acknowledgement;
  private final String label;

  LineAlertKind(boolean acknowledgement, String label) {
    this.acknowledgement = acknowledgement;
    this.label = label;
  }

  /** True when recording the line needs the pharmacist's acknowledgement. */
  public boolean acknowledgement() {
    return acknowledgement;
  }

  /** The short French label shown at the counter. */
  public String label() {
    return label;
  }
}
