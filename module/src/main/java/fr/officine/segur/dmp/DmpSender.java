package fr.officine.segur.dmp;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.dmp.document.StoredDocument;
import fr.officine.segur.identity.DmpFeedIdentity;
import fr.officine.segur.identity.PatientIdentities;
import fr.officine.segur.outbox.OutboxEntry;
import fr.officine.segur.outbox.OutboxSender;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.outbox.RetryPolicy;
import fr.officine.segur.outbox.SendOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Feeds the DMP with a stored dispensation document (ITI-41, TD2.1 "alimenter"), and says what the
 * answer means for the outbox: the patient's choices and the DMP's state are final answers, never
 * retried; everything technical is retried.
 */
@ApplicationScoped
public class DmpSender implements OutboxSender {
  /** UUID-derived OID (2.25) of this software as the submission set's sourceId. */
  public static final String SOURCE_ID =
      "2.25." + new BigInteger("3f1c7e2a9b4d4c1e8a6f0d2b5c7e9a11", 16);

  private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  static final String DUPLICATE = "XDSDocumentUniqueIdError";

  private DocumentStore documents;
  private Dmp dmp;
  private PatientIdentities identities;

  protected DmpSender() {}

  @Inject
  public DmpSender(DocumentStore documents, Dmp dmp, PatientIdentities identities) {
    this.documents = documents;
    this.dmp = dmp;
    this.identities = identities;
  }

  @Override
  public OutboxTarget target() {
    return OutboxTarget.DMP;
  }

  @Override
  public SendOutcome send(OutboxEntry entry) {
    StoredDocument doc = documents.find(entry.dispensationId()).orElse(null);
    if (doc == null) {
      return new SendOutcome.NotApplicable(SendReason.NO_DOCUMENT_FOR_DMP);
    }
    // checked again at each attempt: an identity INSi later answered differently is no longer
    // qualified, and the document must not leave meanwhile; qualified by the document's own
    // pharmacy (identitovigilance is each structure's: another pharmacy's qualification is not it)
    if (identities.forDmp(doc.patientIns(), doc.pharmacyFiness())
        instanceof DmpFeedIdentity.NoFeed no) {
      return new SendOutcome.NotApplicable(no.reason().sendReason());
    }
    DmpActor actor =
        new DmpActor(
            doc.author(),
            doc.authorAuthMode(),
            doc.pharmacyFiness(),
            doc.pharmacyName(),
            doc.patientIns().get());
    XdsSubmission.Submission submission =
        new XdsSubmission.Submission(
            doc.metadata(),
            doc.document().cda(),
            submissionSetUniqueId(doc),
            SOURCE_ID,
            // the submission time of the first attempt would be as good; the document and its
            // entry (uniqueId, hash, creationTime) are what must not change, and do not
            DTM.format(java.time.OffsetDateTime.now(ZoneOffset.UTC)));
    if (inDoubt(entry)) {
      Optional<SendOutcome> known = askFirst(actor, doc.document().uniqueId());
      if (known.isPresent()) {
        return known.get();
      }
    }
    RegistryAnswer answer;
    try {
      answer = dmp.iti41().send(actor, submission);
    } catch (DmpUnavailable e) {
      return unavailable(e);
    }
    return outcome(answer);
  }

  /** Whether the previous attempt's ITI-41 may have been stored though it got no answer. */
  static boolean inDoubt(OutboxEntry entry) {
    return entry.reasonCode().filter(SendReason.DMP_OUTCOME_UNKNOWN::equals).isPresent();
  }

  /**
   * ITI-18 GetDocuments by the document's uniqueId, before sending again a document whose last
   * ITI-41 got no answer: registered = delivered (SENT, as a deposit); not registered or a business
   * refusal of the query = send (ITI-41 gives the refusal its meaning); no answer or busy = still
   * in doubt, retried later without uploading the document to a DMP that is already slow.
   *
   * @return the outcome when the query settles the attempt, empty when the document must be sent
   */
  Optional<SendOutcome> askFirst(DmpActor actor, String uniqueId) {
    Iti18GetDocuments.Found found;
    try {
      found = dmp.iti18().find(actor, uniqueId);
    } catch (DmpUnavailable e) {
      return Optional.of(
          new SendOutcome.Failed(
              SendReason.DMP_OUTCOME_UNKNOWN,
              SendReason.DMP_OUTCOME_UNKNOWN.text() + " (" + e.getMessage() + ")"));
    }
    return switch (found) {
      case REGISTERED -> Optional.of(new SendOutcome.Sent(SendReason.DMP_ALREADY_PRESENT));
      case BUSY -> Optional.of(new SendOutcome.Failed(SendReason.DMP_OUTCOME_UNKNOWN));
      case NOT_REGISTERED, REFUSED -> Optional.empty();
    };
  }

  /** No business answer: in doubt when the request may have been done, else unavailable. */
  static SendOutcome unavailable(DmpUnavailable e) {
    return RetryPolicy.unsent(
        OutboxTarget.DMP,
        e.outcomeUnknown() ? SendReason.DMP_OUTCOME_UNKNOWN : SendReason.DMP_UNAVAILABLE,
        e.getMessage());
  }

  /** What a RegistryResponse means for the send. */
  static SendOutcome outcome(RegistryAnswer answer) {
    if (answer.success()) {
      return new SendOutcome.Sent(SendReason.DMP_DEPOSITED);
    }
    if (answer.errors().stream().allMatch(e -> DUPLICATE.equals(e.code()))) {
      // The same uniqueId is already in the DMP: our previous attempt was stored but its answer
      // was lost (timeout, crash before the commit). Every attempt sends the very same document,
      // so "already there" means delivered.
      return new SendOutcome.Sent(SendReason.DMP_ALREADY_PRESENT);
    }
    if (answer.has("DMP_OPPOSITION")) {
      return RetryPolicy.unsent(OutboxTarget.DMP, SendReason.DMP_PATIENT_OPPOSED);
    }
    if (answer.has("PS_BLOQUE")) {
      return RetryPolicy.unsent(OutboxTarget.DMP, SendReason.DMP_PROFESSIONAL_BLOCKED);
    }
    if (answer.has("DMP_INEXISTANT")) {
      return new SendOutcome.NotApplicable(SendReason.DMP_NONE);
    }
    if (answer.has("DMP_FERME")) {
      return new SendOutcome.NotApplicable(SendReason.DMP_CLOSED);
    }
    if (answer.has("XDSUnknownPatientId")) {
      return new SendOutcome.NotApplicable(SendReason.DMP_PATIENT_UNKNOWN);
    }
    if (answer.has("XDSRepositoryBusy") || answer.has("XDSRegistryBusy")) {
      return RetryPolicy.unsent(OutboxTarget.DMP, SendReason.DMP_BUSY);
    }
    // metadata errors: the same document would be refused again; shown, not retried
    return RetryPolicy.unsent(
        OutboxTarget.DMP,
        SendReason.DMP_DOCUMENT_REFUSED,
        "Document refusé par le DMP : "
            + answer.errors().stream()
                .map(e -> e.code() + (e.context().isEmpty() ? "" : " (" + e.context() + ")"))
                .collect(Collectors.joining(" ; ")));
  }

  /** Stable per document (name-based UUID → 2.25 OID): a retry is the same submission. */
  static String submissionSetUniqueId(StoredDocument doc) {
    UUID u =
        UUID.nameUUIDFromBytes(
            ("submission-set:" + doc.document().uniqueId()).getBytes(StandardCharsets.UTF_8));
    return "2.25." + new BigInteger(u.toString().replace("-", ""), 16);
  }
}
