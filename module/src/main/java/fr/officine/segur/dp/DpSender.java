package fr.officine.segur.dp;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.dmp.document.DocumentEntryMetadata;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.dmp.document.StoredDocument;
import fr.officine.segur.dp.DossierPharmaceutique.DmpForward;
import fr.officine.segur.dp.DossierPharmaceutique.DpRefused;
import fr.officine.segur.dp.DossierPharmaceutique.DpUnavailable;
import fr.officine.segur.dp.DossierPharmaceutique.RecordRequest;
import fr.officine.segur.dp.DossierPharmaceutique.Recorded;
import fr.officine.segur.outbox.Outbox;
import fr.officine.segur.outbox.OutboxEntry;
import fr.officine.segur.outbox.OutboxSender;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.outbox.Reason;
import fr.officine.segur.outbox.RetryPolicy;
import fr.officine.segur.outbox.SendOutcome;
import fr.officine.segur.trust.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Feeds the DP with a stored dispensation document (the eDISP CDA is the stand-in's payload),
 * idempotent on the dispensation id. With route via-dp (the DMP send was settled NOT_APPLICABLE
 * with {@link SendReason#VIA_DP} in the dispensation's transaction) the DP is asked to forward the
 * same document to the DMP; when the DP cannot (no DP, closed, access refused) the DMP send is
 * reopened so the module sends it itself: one document in the DMP whatever happens.
 */
@ApplicationScoped
public class DpSender implements OutboxSender {
  private DocumentStore documents;
  private DossierPharmaceutique dp;
  private Outbox outbox;

  protected DpSender() {}

  @Inject
  public DpSender(DocumentStore documents, DossierPharmaceutique dp, Outbox outbox) {
    this.documents = documents;
    this.dp = dp;
    this.outbox = outbox;
  }

  @Override
  public OutboxTarget target() {
    return OutboxTarget.DP;
  }

  @Override
  public SendOutcome send(OutboxEntry entry) {
    Optional<StoredDocument> found = documents.find(entry.dispensationId());
    if (found.isEmpty() || found.get().patientIns().isEmpty()) {
      return new SendOutcome.NotApplicable(SendReason.NOTHING_FOR_DP);
    }
    StoredDocument doc = found.get();
    boolean forward = dmpLeftToDp(entry);
    RecordRequest request =
        new RecordRequest(
            entry.dispensationId().toString(),
            doc.patientIns().get(),
            doc.document().cda(),
            forward ? Optional.of(forward(doc)) : Optional.empty());
    CallerContext caller =
        new CallerContext(
            doc.pharmacyFiness(),
            doc.pharmacyName(),
            doc.author().rpps().map(r -> r.value()),
            doc.author().givenName() + " " + doc.author().familyName());
    SendOutcome outcome;
    try {
      outcome = outcome(dp.record(request, caller), forward);
    } catch (DpUnavailable e) {
      return RetryPolicy.unsent(OutboxTarget.DP, SendReason.DP_UNAVAILABLE);
    } catch (DpRefused e) {
      outcome = refusal(e);
    }
    if (forward && !(outcome instanceof SendOutcome.Sent)) {
      outbox.reopen(
          entry.dispensationId(), OutboxTarget.DMP, Reason.of(SendReason.DP_DID_NOT_FORWARD));
    }
    return outcome;
  }

  private boolean dmpLeftToDp(OutboxEntry entry) {
    return outbox.forDispensation(entry.dispensationId()).stream()
        .anyMatch(
            e ->
                e.target() == OutboxTarget.DMP
                    && e.state() == OutboxState.NOT_APPLICABLE
                    && e.reasonCode().filter(SendReason.VIA_DP::equals).isPresent());
  }

  static SendOutcome outcome(Recorded r, boolean forwarded) {
    SendReason recorded =
        r.alreadyRecorded() ? SendReason.DP_ALREADY_RECORDED : SendReason.DP_RECORDED;
    if (!forwarded || r.dmpStatus().isEmpty()) {
      return new SendOutcome.Sent(recorded);
    }
    return new SendOutcome.Sent(
        recorded,
        recorded.text()
            + " "
            + switch (r.dmpStatus().get()) {
              case "TRANSMIS", "DEJA_PRESENT" -> "Document transmis au DMP par le DP.";
              case "DMP_INEXISTANT" -> "Le patient n'a pas de DMP : rien transmis au DMP.";
              case "DMP_FERME" -> "Le DMP du patient est fermé : rien transmis au DMP.";
              case "DMP_OPPOSITION" ->
                  "Le patient s'oppose à l'alimentation de son DMP : rien transmis.";
              default -> "DMP non alimenté par le DP (" + r.dmpStatus().get() + ").";
            });
  }

  /** The DP's business answers: the patient's choices are final, never retried. */
  static SendOutcome refusal(DpRefused e) {
    return switch (e.code()) {
      case "DP_INEXISTANT" -> new SendOutcome.NotApplicable(SendReason.DP_NONE);
      case "DP_FERME" -> new SendOutcome.NotApplicable(SendReason.DP_CLOSED);
      case "DP_REFUS_ACCES" -> new SendOutcome.NotApplicable(SendReason.DP_ACCESS_REFUSED);
      case "DP_PATIENT_INCONNU" -> new SendOutcome.NotApplicable(SendReason.DP_PATIENT_UNKNOWN);
      case "DP_REFUS_PRODUIT" ->
          RetryPolicy.unsent(
              OutboxTarget.DP,
              SendReason.DP_PRODUCT_REFUSED,
              e.getMessage() == null || e.getMessage().isBlank()
                  ? SendReason.DP_PRODUCT_REFUSED.text()
                  : e.getMessage());
      default ->
          RetryPolicy.unsent(
              OutboxTarget.DP,
              SendReason.DP_REFUSED,
              "Refus du Dossier Pharmaceutique (" + e.code() + ") : " + e.getMessage());
    };
  }

  private static DmpForward forward(StoredDocument doc) {
    DocumentEntryMetadata m = doc.metadata();
    return new DmpForward(
        m.uniqueId(),
        m.classCode().code(),
        m.typeCode().code(),
        m.formatCode().code(),
        m.confidentialityCode().code(),
        m.title(),
        m.creationTime(),
        m.authorPerson(),
        doc.author().rpps().map(r -> r.value()));
  }
}
