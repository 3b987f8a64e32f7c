package fr.officine.segur.api.dispensation;

/**
 * The closed catalogue of why a send (DMP, DP, e-prescription base) stands as it does: the stable
 * {@code reasonCode} of a {@link SendView}, which an LGO switches on, and the French sentence shown
 * at the counter (the send's {@code reason} is this text, or this text with the service's own
 * detail). Codes drive behaviour; rewording a text changes no stored row's meaning.
 */
public enum SendReason {
  // --- DMP (ITI-41)
  DMP_DEPOSITED("Document déposé dans le DMP."),
  /** Our previous attempt was stored but its answer lost: the same uniqueId is already there. */
  DMP_ALREADY_PRESENT(
      "Document déjà présent dans le DMP (envoi précédent dont la réponse a été perdue)."),
  DMP_PATIENT_OPPOSED(
      "Le patient s'est opposé à l'alimentation de son DMP par les professionnels."),
  DMP_PROFESSIONAL_BLOCKED("Le patient a bloqué l'accès de ce pharmacien à son DMP."),
  DMP_NONE("Le patient n'a pas de DMP."),
  DMP_CLOSED("Le DMP du patient est fermé."),
  DMP_PATIENT_UNKNOWN("Patient inconnu du DMP (INS non reconnu)."),
  DMP_BUSY("DMP momentanément surchargé."),
  /** Metadata errors: the same document would be refused again. The text lists the DMP's codes. */
  DMP_DOCUMENT_REFUSED("Document refusé par le DMP."),
  /** Transport failure, timeout, SOAP fault: retried. The text is the transport's own. */
  DMP_UNAVAILABLE("DMP indisponible ; nouvel essai automatique."),
  /**
   * The ITI-41 got no answer (timeout, connection cut after the request went out): the DMP may hold
   * the document. The next attempt asks the DMP (ITI-18) before sending it again. Retried.
   */
  DMP_OUTCOME_UNKNOWN(
      "Le DMP n'a pas répondu à l'envoi ; il sera interrogé avant tout nouvel envoi du document."),
  NO_DOCUMENT_FOR_DMP("Pas de document : rien à envoyer au DMP."),
  /** People not (yet) registered, some AME beneficiaries, foreign visitors. */
  NO_INS(
      "Pas d'INS : pas d'alimentation du DMP (patient sans INS, par exemple bénéficiaire de l'AME"
          + " ou personne en attente d'immatriculation)."),
  /** Waits for the identity's qualification by this pharmacy, then leaves by itself. */
  INS_NOT_QUALIFIED(
      "INS non qualifié : vérifiez l'identité (pièce d'identité + téléservice INSi) avant"
          + " d'alimenter le DMP. Le document partira dès que l'identité sera qualifiée, si le"
          + " patient a un DMP actif."),
  /** Released by that qualification. */
  INS_QUALIFIED_RELEASED("INS qualifié : envoi au DMP relancé."),
  /** Route via-dp: the DP carries the document to the DMP. */
  VIA_DP("Transmis au DMP par le Dossier Pharmaceutique (route via-dp)."),
  /** Route via-dp, but the DP could not carry it: the module sends it itself. */
  DP_DID_NOT_FORWARD("Le DP n'a pas transmis le document : envoi direct au DMP."),
  /** The document could not be built (data missing): the text gives the cause. */
  DOCUMENT_NOT_PRODUCED("Document de dispensation non produit."),

  // --- DP
  DP_RECORDED("Dispensation inscrite au Dossier Pharmaceutique."),
  DP_ALREADY_RECORDED(
      "Dispensation déjà inscrite au Dossier Pharmaceutique (envoi précédent dont la réponse a été perdue)."),
  NOTHING_FOR_DP("Pas de document ou pas d'INS qualifié : rien à inscrire au DP."),
  DP_UNAVAILABLE("Dossier Pharmaceutique indisponible ; nouvel essai automatique."),
  DP_NONE("Le patient n'a pas de Dossier Pharmaceutique."),
  DP_CLOSED("Le Dossier Pharmaceutique du patient est fermé."),
  DP_ACCESS_REFUSED("Le patient a refusé l'accès à son Dossier Pharmaceutique."),
  DP_PATIENT_UNKNOWN("Patient inconnu du Dossier Pharmaceutique."),
  DP_PRODUCT_REFUSED(
      "Le patient a refusé l'inscription d'un produit dans son Dossier Pharmaceutique."),
  /** Another refusal of the DP: the text gives its code and message. */
  DP_REFUSED("Refus du Dossier Pharmaceutique."),

  // --- MSSanté message to the prescriber
  MSSANTE_QUEUED("Message au prescripteur en attente d'envoi."),
  /** Delivered to the operator: the text names the prescriber's mailbox. */
  MSSANTE_DELIVERED("Message sécurisé remis à l'opérateur MSSanté."),
  MSSANTE_NO_DOCUMENT("Pas de document de dispensation : rien à envoyer au prescripteur."),
  MSSANTE_INS_NOT_QUALIFIED(
      "INS non qualifié : vérifiez l'identité (pièce d'identité + téléservice INSi). Le message au"
          + " prescripteur partira dès que l'identité sera qualifiée."),
  MSSANTE_INS_QUALIFIED_RELEASED("INS qualifié : message au prescripteur relancé."),
  MSSANTE_NO_INS("Pas d'INS : le document ne peut pas être transmis au prescripteur par MSSanté."),
  MSSANTE_NO_PRESCRIBER_RPPS("Le document ne nomme pas de prescripteur identifié par son RPPS."),
  MSSANTE_NO_PRESCRIBER_MAILBOX(
      "Le prescripteur n'a pas de messagerie sécurisée de santé (MSSanté) dans l'annuaire."),
  MSSANTE_NO_PHARMACY_MAILBOX(
      "La pharmacie n'a pas de boîte aux lettres MSSanté organisationnelle dans l'annuaire."),
  /** The operator refused the message (5xx): the text is the operator's. */
  MSSANTE_REFUSED("Message refusé par l'opérateur MSSanté."),
  /** The operator did not answer, or answered 4xx: retried. The text is the transport's. */
  MSSANTE_UNAVAILABLE("Opérateur MSSanté indisponible ; nouvel essai automatique."),
  /** The message could not be built: the text gives the cause. */
  MSSANTE_NOT_BUILT("Message MSSanté impossible à construire."),

  // --- the e-prescription base (the dispensation's own status)
  UNKNOWN_PRODUCTS_ONLY(
      "Rien à transmettre : lignes « produit inconnu de la base » seulement, à régulariser."),
  /** The base refused the execution: the text is the problem's code and detail. */
  BASE_REFUSED("Refus de la base e-prescription."),
  /**
   * Never reached the base (NOT_RECORDED) or the answer was lost (IN_DOUBT): the text says which.
   */
  BASE_NO_ANSWER("La base e-prescription n'a pas répondu."),

  // --- any target
  NO_SENDER("Aucun service d'envoi configuré pour cette cible."),
  TECHNICAL_ERROR("Erreur technique lors de l'envoi ; nouvel essai automatique.");

  private final String text;

  SendReason(String text) {
    this.text = text;
  }

  /** The French sentence shown at the counter when the service adds nothing of its own. */
  public String text() {
    return text;
  }
}
