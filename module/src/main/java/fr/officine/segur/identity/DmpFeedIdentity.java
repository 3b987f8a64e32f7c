package fr.officine.segur.identity;

import fr.officine.segur.api.dispensation.SendReason;

/**
 * Whether a patient's data may go to the DMP, as far as identity goes. The DMP feed asks {@link
 * PatientIdentities#forDmp} and gets either the qualified identity or the reason, in French, to
 * show on the dispensation's DMP send ({@code NOT_APPLICABLE} + reason).
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
    NO_INS(SendReason.NO_INS),
    /** An INS, but not qualified here (not retrieved by INSi, or the document not checked). */
    NOT_QUALIFIED(SendReason.INS_NOT_QUALIFIED);

    private final SendReason sendReason;

    Reason(SendReason sendReason) {
      this.sendReason = sendReason;
    }

    /** The DMP send's reason (its code and French text: one catalogue, api SendReason). */
    public SendReason sendReason() {
      return sendReason;
    }

    public String message() {
      return sendReason.text();
    }
  }
}
