package fr.officine.segur.sandbox.eprescription;

/**
 * The closed list of fault codes of the stand-in WSDL's erreurEPrescription, with the French
 * message a pharmacist's software may show as is. The codes are our own (the real ones are not
 * public).
 */
public enum EpError {
  EP_NUMERO_INVALIDE("Le numéro d'ordonnance doit comporter 18 chiffres ou lettres majuscules."),
  EP_NUMERO_INCONNU("Aucune ordonnance numérique ne porte ce numéro."),
  EP_PRESCRIPTION_EXPIREE(
      "Ordonnance expirée : aucune délivrance dans les 3 mois suivant la prescription."),
  EP_PRESCRIPTION_CLOTUREE("Ordonnance entièrement délivrée : elle est clôturée."),
  EP_QUANTITE_EXCESSIVE("Quantité supérieure à ce qui reste à délivrer sur cette ligne."),
  EP_LIGNE_INCONNUE("Cette ligne n'existe pas sur l'ordonnance."),
  EP_SUBSTITUTION_INTERDITE("Substitution interdite : la ligne est marquée « non substituable »."),
  EP_EXECUTION_CONFLIT(
      "Cet identifiant d'exécution a déjà été utilisé pour une exécution différente."),
  /**
   * A line whose product the base does not know (coded LPP, e.g. an eye lubricant): it can be
   * prescribed but no execution can be recorded on it (the real-life gap of DOMAIN-FACTS §1.3).
   */
  EP_PRODUIT_INCONNU(
      "Produit inconnu de la base : aucune exécution ne peut être enregistrée sur cette ligne."),
  EP_REQUETE_INVALIDE("Requête invalide."),
  EP_CONTEXTE_INVALIDE("Contexte LPS absent ou invalide (FINESS de la structure requis)."),
  EP_SERVICE_INDISPONIBLE("Service ordonnance numérique momentanément indisponible.");

  private final String defaultMessage;

  EpError(String defaultMessage) {
    this.defaultMessage = defaultMessage;
  }

  public String defaultMessage() {
    return defaultMessage;
  }
}
