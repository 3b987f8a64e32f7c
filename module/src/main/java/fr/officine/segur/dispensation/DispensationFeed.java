package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.dispensation.SendView;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.dmp.document.DispensationDocument;
import fr.officine.segur.dmp.document.DispensationDocumentData;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.dmp.document.DocumentEntryMetadata;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.dmp.document.StoredDocument;
import fr.officine.segur.outbox.Outbox;
import fr.officine.segur.outbox.OutboxPoller;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.Reason;
import fr.officine.segur.prescription.Prescription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.jdbi.v3.core.Handle;

/**
 * What follows the base's acceptance of a dispensation (DESIGN.md "The counter flow"): its document
 * (CDA eDISP + PDF) built once, then stored with the outbox rows in the very transaction that marks
 * the dispensation RECORDED, so a crash leaves either nothing or everything. The build happens
 * before that transaction (it takes tens of ms: no lock held meanwhile).
 *
 * <p>This class only puts the steps in order (issue 14 §4); each has its class: {@link
 * DmpIdentityGate} (may the INS go to the DMP), {@link DocumentDataAssembler} (what the document
 * says), {@link DocumentBuilder} (CDA, PDF, XDS entry), {@link SendRouting} (which services, in
 * which state) and {@link FeedWriter} (the rows); {@link QualificationRelease} lets the held DMP
 * sends go once the INS is qualified.
 *
 * <p>A dispensation always completes: when no document can be built (nothing delivered) or the
 * patient has no INS, the DMP send is NOT_APPLICABLE with the reason, never an error at the
 * counter.
 */
@ApplicationScoped
public class DispensationFeed {
  private static final Logger LOG = Logger.getLogger(DispensationFeed.class.getName());

  private DmpIdentityGate gate;
  private DocumentDataAssembler assembler;
  private DocumentBuilder builder;
  private FeedWriter writer;
  private OutboxPoller poller;
  private DocumentStore documents;
  private Outbox outbox;

  protected DispensationFeed() {}

  @Inject
  public DispensationFeed(
      DmpIdentityGate gate,
      DocumentDataAssembler assembler,
      DocumentBuilder builder,
      FeedWriter writer,
      OutboxPoller poller,
      DocumentStore documents,
      Outbox outbox) {
    this.gate = gate;
    this.assembler = assembler;
    this.builder = builder;
    this.writer = writer;
    this.poller = poller;
    this.documents = documents;
    this.outbox = outbox;
  }

  /** The document and sends of an accepted dispensation, ready to be written. */
  public record Prepared(
      Optional<Built> document, OutboxState dmpState, Optional<Reason> dmpReason) {}

  public record Built(
      DispensationDocument document,
      DocumentEntryMetadata metadata,
      Optional<Ins> ins,
      Professional author,
      OffsetDateTime at) {}

  /** Builds the document of {@code d} as the base accepted it; never throws for bad data. */
  public Prepared prepare(Dispensation d, Prescription afterExecution) {
    // The identity first: a qualified INS brings its INSi traits (every birth first name, birth
    // place) into the document's recordTarget, as CI-SIS asks of a document carrying an INS.
    DmpIdentityGate.Decision identity = gate.at(d, afterExecution);
    DispensationDocumentData data;
    try {
      data = assembler.assemble(d, afterExecution, identity.identity());
    } catch (RuntimeException e) {
      LOG.warning(() -> "No document for dispensation " + d.id() + ": " + e.getMessage());
      return new Prepared(
          Optional.empty(),
          OutboxState.NOT_APPLICABLE,
          Optional.of(
              new Reason(
                  SendReason.DOCUMENT_NOT_PRODUCED,
                  "Document de dispensation non produit : " + frenchCause(e))));
    }
    Built built = builder.build(data);
    return identity.held().isPresent()
        ? new Prepared(Optional.of(built), OutboxState.NOT_APPLICABLE, identity.held())
        : new Prepared(Optional.of(built), OutboxState.PENDING, Optional.empty());
  }

  /** Writes on {@code h}, in the transaction that marks the dispensation RECORDED. */
  public void write(Handle h, Dispensation d, Prepared p) {
    writer.write(h, d, p);
  }

  /** After the commit: the send starts now rather than at the next poll. */
  public void committed() {
    poller.wake();
  }

  /** The sends of a dispensation after the base, as the API shows them. */
  public List<SendView> sends(DispensationId id) {
    return outbox.forDispensation(id).stream()
        .map(
            e ->
                new SendView(
                    e.target().name(),
                    e.state().name(),
                    e.reason().orElse(null),
                    e.attempts(),
                    e.lastAttemptAt().orElse(null),
                    e.reasonCode().map(Enum::name).orElse(null)))
        .toList();
  }

  public boolean hasDocument(DispensationId id) {
    return documents.exists(id);
  }

  public Optional<StoredDocument> document(DispensationId id) {
    return documents.find(id);
  }

  private static String frenchCause(RuntimeException e) {
    String m = e.getMessage();
    return m == null ? "erreur interne." : m + ".";
  }
}
