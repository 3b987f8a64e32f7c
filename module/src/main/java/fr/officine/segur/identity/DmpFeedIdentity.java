package fr.officine.segur.identity;

/**
 * Whether a patient's data may go to the DMP, as far as identity goes. The DMP feed asks {@link
 * PatientIdentities#forDmp} and gets either the qualified identity or the reason, in French, to show
 * on the dispensation's DMP send ({@code NOT_APPLICABLE} + reason).
 */
public sealed interface DmpFeedIdentity {

  /** The INS is qualified: feed with these traits. */
  record Feed(QualifiedIdentity identity) implements DmpFeedIdentity {}

  /** No feed, and why. */
  record NoFeed(Reason reason) implements DmpFeedIdentity {
    public String message() {
      return reason.message();
    }
  }

  enum Reason {
    /**
     * No INS: people not (yet) registered, some AME beneficiaries, foreign visitors. Explicit, so
     * that nobody invents a matricule to get a document through.
     */
    NO_INS(
        "Pas d'INS : pas d'alimentation du DMP (patient sans INS, par exemple bénéficiaire de l'AME"
            + " ou personne en attente d'immatriculation)."),
    /** An INS, but not qualified here (not retrieved by INSi, or the document not checked). */
    NOT_QUALIFIED(
        "INS non qualifié : vérifiez l'identité (pièce d'identité + téléservice INSi) avant"
            + " d'alimenter le DMP. Le document partira dès que l'identité sera qualifiée.");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }
}
