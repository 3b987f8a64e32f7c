package fr.officine.segur.mssante;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.dispensation.Dispensation;
import fr.officine.segur.dispensation.DispensationStore;
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
import jakarta.mail.MessagingException;
import java.util.Optional;

/**
 * Sends the dispensation document to the prescriber's MSSanté mailbox, from the outbox (retried
 * with backoff like the DMP and DP sends; one message per dispensation, its Message-ID fixed by the
 * outbox row so a resend is the same message). The prescriber is the one the stored document names;
 * his address and the pharmacy's come from the directory at each attempt (an address created since
 * is found on the next try, one removed is not written to).
 */
@ApplicationScoped
public class MssanteSender implements OutboxSender {
  /** Shown on the send while the identity waits for qualification; a qualification reopens it. */
  public static final SendReason WAITING_FOR_QUALIFICATION = SendReason.MSSANTE_INS_NOT_QUALIFIED;

  private DocumentStore documents;
  private DispensationStore dispensations;
  private PatientIdentities identities;
  private MssanteDirectory directory;
  private MssanteTransport transport;

  protected MssanteSender() {}

  @Inject
  public MssanteSender(
      DocumentStore documents,
      DispensationStore dispensations,
      PatientIdentities identities,
      MssanteDirectory directory,
      MssanteTransport transport) {
    this.documents = documents;
    this.dispensations = dispensations;
    this.identities = identities;
    this.directory = directory;
    this.transport = transport;
  }

  @Override
  public OutboxTarget target() {
    return OutboxTarget.MSSANTE;
  }

  @Override
  public SendOutcome send(OutboxEntry entry) {
    Optional<StoredDocument> found = documents.find(entry.dispensationId());
    Optional<Dispensation> dispensation = dispensations.find(entry.dispensationId());
    if (found.isEmpty() || dispensation.isEmpty()) {
      return new SendOutcome.NotApplicable(SendReason.MSSANTE_NO_DOCUMENT);
    }
    StoredDocument doc = found.get();
    // the XDM metadata carries the INS (ECO.2.1.2: the recipient files the document by it): only a
    // qualified one leaves the pharmacy, as for the DMP (Référentiel INS)
    if (identities.forDmp(doc.patientIns(), doc.pharmacyFiness())
        instanceof DmpFeedIdentity.NoFeed no) {
      return new SendOutcome.NotApplicable(
          no.reason() == DmpFeedIdentity.Reason.NOT_QUALIFIED
              ? WAITING_FOR_QUALIFICATION
              : SendReason.MSSANTE_NO_INS);
    }
    Optional<DocumentPrescriber> prescriber = DocumentPrescriber.of(doc.document().cda());
    if (prescriber.isEmpty()) {
      return new SendOutcome.NotApplicable(SendReason.MSSANTE_NO_PRESCRIBER_RPPS);
    }
    try {
      Optional<String> to =
          directory.professional(prescriber.get().rpps().value(), doc.pharmacyFiness());
      if (to.isEmpty()) {
        return new SendOutcome.NotApplicable(SendReason.MSSANTE_NO_PRESCRIBER_MAILBOX);
      }
      Optional<String> from = directory.structure(doc.pharmacyFiness());
      if (from.isEmpty()) {
        return RetryPolicy.unsent(OutboxTarget.MSSANTE, SendReason.MSSANTE_NO_PHARMACY_MAILBOX);
      }
      var session = transport.session(doc.pharmacyFiness());
      byte[] xdm = XdmPackage.zip(doc, entry.id(), entry.createdAt());
      transport.send(
          MssanteMessage.build(
              session,
              entry.id(),
              entry.createdAt(),
              from.get(),
              to.get(),
              PrescriberLetter.of(dispensation.get(), doc, prescriber.get()),
              doc,
              xdm));
      return new SendOutcome.Sent(
          SendReason.MSSANTE_DELIVERED,
          "Message sécurisé remis à l'opérateur MSSanté pour " + to.get() + ".");
    } catch (MssanteUnavailable e) {
      return RetryPolicy.unsent(
          OutboxTarget.MSSANTE, SendReason.MSSANTE_UNAVAILABLE, e.getMessage());
    } catch (MssanteRefused e) {
      return RetryPolicy.unsent(OutboxTarget.MSSANTE, SendReason.MSSANTE_REFUSED, e.getMessage());
    } catch (MessagingException e) {
      return RetryPolicy.unsent(
          OutboxTarget.MSSANTE,
          SendReason.MSSANTE_NOT_BUILT,
          "Message MSSanté impossible à construire : " + e.getMessage());
    }
  }
}
