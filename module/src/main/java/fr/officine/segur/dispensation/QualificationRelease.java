package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.identity.IdentityQualified;
import fr.officine.segur.identity.PatientIdentities;
import fr.officine.segur.identity.QualifiedIdentity;
import fr.officine.segur.outbox.Outbox;
import fr.officine.segur.outbox.OutboxPoller;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.outbox.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The other side of {@link DmpIdentityGate}: a dispensation recorded before its patient's INS was
 * qualified keeps its document (with the INS the base gave) and its DMP send is NOT_APPLICABLE with
 * the reason INS_NOT_QUALIFIED; when a professional of the same pharmacy then qualifies that INS,
 * those sends are reopened and leave at once: the pharmacist checks the identity and the waiting
 * documents go, without a second click.
 */
@ApplicationScoped
public class QualificationRelease {
  private static final Logger LOG = Logger.getLogger(QualificationRelease.class.getName());

  private DocumentStore documents;
  private Outbox outbox;
  private OutboxPoller poller;
  private PatientIdentities identities;
  private DocumentBuilder builder;

  protected QualificationRelease() {}

  @Inject
  public QualificationRelease(
      DocumentStore documents,
      Outbox outbox,
      OutboxPoller poller,
      PatientIdentities identities,
      DocumentBuilder builder) {
    this.documents = documents;
    this.outbox = outbox;
    this.poller = poller;
    this.identities = identities;
    this.builder = builder;
  }

  /**
   * An INS was just qualified by a professional of a pharmacy: that pharmacy's DMP sends waiting
   * for it (NOT_APPLICABLE because not qualified) become due now. Only those: a send the DMP itself
   * settled (no DMP, closed) stays as it is.
   */
  void onQualified(@Observes IdentityQualified qualified) {
    int reopened = 0;
    Optional<QualifiedIdentity> identity =
        identities.qualified(qualified.ins(), qualified.pharmacyFiness());
    for (DispensationId id : documents.ofPatient(qualified.ins(), qualified.pharmacyFiness())) {
      if (waitingForQualification(id)) {
        identity.ifPresent(q -> reidentify(id, q));
      }
      if (outbox.reopenIf(
          id,
          OutboxTarget.DMP,
          SendReason.INS_NOT_QUALIFIED,
          Reason.of(SendReason.INS_QUALIFIED_RELEASED))) {
        reopened++;
      }
    }
    if (reopened > 0) {
      int n = reopened;
      LOG.info(() -> n + " DMP send(s) released by an identity qualification");
      poller.wake();
    }
  }

  private boolean waitingForQualification(DispensationId id) {
    return outbox.forDispensation(id).stream()
        .anyMatch(
            e ->
                e.target() == OutboxTarget.DMP
                    && e.state() == OutboxState.NOT_APPLICABLE
                    && e.reasonCode().filter(SendReason.INS_NOT_QUALIFIED::equals).isPresent());
  }

  /**
   * A document built before the qualification names the patient with the base's traits; before it
   * leaves it takes the INSi traits that go with the INS (CI-SIS StrucMin: every birth first name,
   * birth place). Never sent yet, so replacing it under the same uniqueId is safe.
   */
  private void reidentify(DispensationId id, QualifiedIdentity q) {
    documents
        .find(id)
        .ifPresent(
            stored -> {
              try {
                var patient = DocumentDataAssembler.qualified(q);
                byte[] cda = builder.reidentify(stored.document().cda(), patient);
                documents.replace(id, cda, stored.metadata().reidentified(cda, patient));
              } catch (RuntimeException e) {
                // The stored document stays valid (base traits): it leaves as it is rather than not
                // at all.
                LOG.warning(() -> "Document of " + id + " not re-identified: " + e.getMessage());
              }
            });
  }
}
