package fr.officine.segur.dispensation;

import fr.officine.segur.identity.DmpFeedIdentity;
import fr.officine.segur.identity.PatientIdentities;
import fr.officine.segur.identity.QualifiedIdentity;
import fr.officine.segur.outbox.Reason;
import fr.officine.segur.prescription.Prescription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Identitovigilance at the feed (issue 14 §4: the feed's third reason): an INS goes to the DMP only
 * once qualified in this module (INSi 00 and an identity document checked by a professional of the
 * dispensation's pharmacy, {@link PatientIdentities#forDmp}). Qualified by the dispensation's own
 * pharmacy: another pharmacy's qualification is its own act (issue 11 §1).
 */
@ApplicationScoped
public class DmpIdentityGate {
  private PatientIdentities identities;

  protected DmpIdentityGate() {}

  @Inject
  public DmpIdentityGate(PatientIdentities identities) {
    this.identities = identities;
  }

  /**
   * @param identity the qualified identity whose INSi traits the document carries, if any
   * @param held why the DMP send may not leave (NOT_APPLICABLE), empty when it may
   */
  record Decision(Optional<QualifiedIdentity> identity, Optional<Reason> held) {}

  Decision at(Dispensation d, Prescription afterExecution) {
    DmpFeedIdentity identity =
        identities.forDmp(afterExecution.patient().qualifiedIns(), d.pharmacyFiness());
    if (identity instanceof DmpFeedIdentity.NoFeed no) {
      return new Decision(Optional.empty(), Optional.of(Reason.of(no.reason().sendReason())));
    }
    return new Decision(
        Optional.of(((DmpFeedIdentity.Feed) identity).identity()), Optional.empty());
  }
}
