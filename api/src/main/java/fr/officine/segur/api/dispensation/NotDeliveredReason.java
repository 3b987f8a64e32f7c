package fr.officine.segur.api.dispensation;

/**
 * Why a line was not delivered. The real coded list of the e-prescription base is not public
 * (shared/DOMAIN-FACTS.md §1.3): this is the project's own closed list, the same in the stand-in
 * WSDL.
 */
public enum NotDeliveredReason {
  RUPTURE_STOCK("Rupture de stock / produit indisponible"),
  REFUS_PATIENT("Refus du patient"),
  CONTRE_INDICATION("Contre-indication / opposition pharmaceutique"),
  DEJA_EN_POSSESSION("Le patient en possède déjà"),
  ERREUR_PRESCRIPTION("Erreur de prescription à clarifier avec le prescripteur"),
  AUTRE("Autre motif");

  private final String label;

  NotDeliveredReason(String label) {
    this.label = label;
  }

  /** The French label shown at the counter. */
  public String label() {
    return label;
  }
}
