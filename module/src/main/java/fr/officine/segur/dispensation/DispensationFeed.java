package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.dispensation.SendView;
import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Finess;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.id.Rpps;
import fr.officine.segur.dmp.Pharmacists;
import fr.officine.segur.dmp.document.AuthorSpecialties;
import fr.officine.segur.dmp.document.DispensationDocument;
import fr.officine.segur.dmp.document.DispensationDocumentData;
import fr.officine.segur.dmp.document.DispensationDocumentData.Completeness;
import fr.officine.segur.dmp.document.DispensationDocumentData.DocumentIds;
import fr.officine.segur.dmp.document.DispensationDocumentData.Line;
import fr.officine.segur.dmp.document.DispensationDocumentData.Patient;
import fr.officine.segur.dmp.document.DispensationDocumentData.Pharmacy;
import fr.officine.segur.dmp.document.DispensationDocumentData.Prescriber;
import fr.officine.segur.dmp.document.DispensationDocumentData.Product;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.dmp.document.DispensationDocumentData.Sex;
import fr.officine.segur.dmp.document.DispensationDocuments;
import fr.officine.segur.dmp.document.DocumentEntryMetadata;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.dmp.document.StoredDocument;
import fr.officine.segur.dp.DmpRoute;
import fr.officine.segur.identity.DmpFeedIdentity;
import fr.officine.segur.identity.IdentityQualified;
import fr.officine.segur.identity.PatientIdentities;
import fr.officine.segur.identity.QualifiedIdentity;
import fr.officine.segur.outbox.Outbox;
import fr.officine.segur.outbox.OutboxPoller;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.outbox.Reason;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.PharmacyAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * What follows the base's acceptance of a dispensation (DESIGN.md "The counter flow"): its document
 * (CDA eDISP + PDF) built once, then stored with the outbox rows in the very transaction that marks
 * the dispensation RECORDED, so a crash leaves either nothing or everything. The build happens
 * before that transaction (it takes tens of ms: no lock held meanwhile).
 *
 * <p>A dispensation always completes: when no document can be built (nothing delivered) or the
 * patient has no INS, the DMP send is NOT_APPLICABLE with the reason, never an error at the
 * counter.
 *
 * <p>Identitovigilance: an INS goes to the DMP only once qualified in this module (INSi 00 and an
 * identity document checked by a professional of the dispensation's pharmacy, {@link
 * PatientIdentities#forDmp}). A dispensation recorded before that keeps its document (with the INS
 * the base gave) and its DMP send is NOT_APPLICABLE with the reason {@link
 * DmpFeedIdentity.Reason#NOT_QUALIFIED}; when a professional of the same pharmacy then qualifies
 * that INS, those sends are reopened and leave at once ({@link #onQualified}): the pharmacist
 * checks the identity and the waiting documents go, without a second click.
 */
@ApplicationScoped
public class DispensationFeed {
  private static final Logger LOG = Logger.getLogger(DispensationFeed.class.getName());

  /** UUID-derived OIDs (ITU-T X.667): a document id unique without an OID registration. */
  private static final String UUID_OID_ARC = "2.25.";

  private DocumentStore documents;
  private Outbox outbox;
  private Accounts accounts;
  private OutboxPoller poller;
  private Supplier<DispensationDocuments> builder;
  private DmpRoute route;
  private PatientIdentities identities;

  protected DispensationFeed() {}

  @Inject
  public DispensationFeed(
      DocumentStore documents,
      Outbox outbox,
      Accounts accounts,
      OutboxPoller poller,
      DmpRoute route,
      PatientIdentities identities) {
    this(
        documents,
        outbox,
        accounts,
        poller,
        route,
        identities,
        Lazy.of(DispensationDocuments::create));
  }

  DispensationFeed(
      DocumentStore documents,
      Outbox outbox,
      Accounts accounts,
      OutboxPoller poller,
      DmpRoute route,
      PatientIdentities identities,
      Supplier<DispensationDocuments> builder) {
    this.route = route;
    this.identities = identities;
    this.documents = documents;
    this.outbox = outbox;
    this.accounts = accounts;
    this.poller = poller;
    this.builder = builder;
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
    // Qualified by the dispensation's own pharmacy: another pharmacy's qualification is its own act
    // (identitovigilance is each structure's, issue 11 §1).
    DmpFeedIdentity identity =
        identities.forDmp(afterExecution.patient().qualifiedIns(), d.pharmacyFiness());
    Optional<QualifiedIdentity> qualified =
        identity instanceof DmpFeedIdentity.Feed feed
            ? Optional.of(feed.identity())
            : Optional.empty();
    DispensationDocumentData data;
    try {
      data = data(d, afterExecution, qualified);
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
    DispensationDocument document = builder.get().build(data);
    Built built =
        new Built(
            document,
            DocumentEntryMetadata.of(data, document),
            data.patient().ins(),
            data.responsiblePharmacist(),
            OffsetDateTime.now());
    if (identity instanceof DmpFeedIdentity.NoFeed no) {
      return new Prepared(
          Optional.of(built),
          OutboxState.NOT_APPLICABLE,
          Optional.of(Reason.of(no.reason().sendReason())));
    }
    return new Prepared(Optional.of(built), OutboxState.PENDING, Optional.empty());
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
                Patient patient =
                    new Patient(
                        Optional.of(q.ins()),
                        q.birthName(),
                        q.firstNames(),
                        q.birthDate(),
                        sex(q.sex()),
                        q.birthPlace());
                byte[] cda = builder.get().cda().reidentify(stored.document().cda(), patient);
                documents.replace(id, cda, stored.metadata().reidentified(cda, patient));
              } catch (RuntimeException e) {
                // The stored document stays valid (base traits): it leaves as it is rather than not
                // at all.
                LOG.warning(() -> "Document of " + id + " not re-identified: " + e.getMessage());
              }
            });
  }

  /** Writes on {@code h}, in the transaction that marks the dispensation RECORDED. */
  public void write(Handle h, Dispensation d, Prepared p) {
    if (p.document().isPresent()) {
      Built b = p.document().get();
      documents.insert(h, d.id(), b.document(), b.metadata(), b.ins(), b.author(), b.at());
    }
    // Route via-dp: the DP forwards this very document (same uniqueId) to the DMP; the module does
    // not send it itself (DpSender reopens the DMP send when the DP cannot carry it).
    boolean viaDp = p.dmpState() == OutboxState.PENDING && route.viaDp(d.pharmacyFiness());
    outbox.enqueue(
        h,
        d.id(),
        d.pharmacyFiness(),
        OutboxTarget.DMP,
        viaDp ? OutboxState.NOT_APPLICABLE : p.dmpState(),
        viaDp ? Optional.of(Reason.of(SendReason.VIA_DP)) : p.dmpReason());
    // The DP is fed from the same document; without a qualified INS it cannot be identified.
    boolean dpFeed = p.document().flatMap(Built::ins).isPresent();
    outbox.enqueue(
        h,
        d.id(),
        d.pharmacyFiness(),
        OutboxTarget.DP,
        dpFeed ? OutboxState.PENDING : OutboxState.NOT_APPLICABLE,
        dpFeed ? Optional.empty() : Optional.of(Reason.of(SendReason.NOTHING_FOR_DP)));
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

  DispensationDocumentData data(
      Dispensation d, Prescription p, Optional<QualifiedIdentity> identity) {
    Account actor =
        accounts
            .find(d.login())
            .orElseThrow(() -> new IllegalStateException("compte inconnu " + d.login()));
    Professional dispenser = Pharmacists.professional(actor);
    Professional responsible =
        Pharmacists.responsible(actor, accounts)
            .orElseThrow(() -> new IllegalStateException("aucun pharmacien titulaire avec RPPS"));
    PharmacyAddress address =
        accounts
            .address(d.pharmacyFiness())
            .orElseThrow(() -> new IllegalStateException("adresse de la pharmacie non renseignée"));
    String root = UUID_OID_ARC + new BigInteger(d.id().value().toString().replace("-", ""), 16);
    return new DispensationDocumentData(
        new DocumentIds(root, Optional.empty(), root, Optional.empty(), 1),
        d.createdAt(),
        new Pharmacy(
            Finess.of(d.pharmacyFiness()),
            d.pharmacyName(),
            address.street(),
            address.postalCode(),
            address.city()),
        dispenser,
        responsible,
        patient(p.patient(), identity),
        new Prescriber(
            Rpps.of(p.prescriber().rpps()),
            p.prescriber().lastName(),
            p.prescriber().firstName(),
            AuthorSpecialties.get().prescriber(p.prescriber().specialty()),
            p.prescribedOn()),
        PrescriptionNumber.of(d.prescriptionNumber().value()),
        lines(d, p),
        otherLinesRemaining(d, p));
  }

  /**
   * The prescription's lines outside the document's that still have boxes to deliver: those this
   * dispensation left alone, and those unknown to the base it delivered (less what it delivered).
   */
  private static List<DispensationDocumentData.Remaining> otherLinesRemaining(
      Dispensation d, Prescription p) {
    Set<String> inDocument =
        d.lines().stream().map(Dispensation.Line::lineId).collect(Collectors.toSet());
    Map<String, Integer> deliveredUnknown = new HashMap<>();
    d.unknownProductLines()
        .forEach(u -> deliveredUnknown.merge(u.lineId(), u.quantity(), Integer::sum));
    List<DispensationDocumentData.Remaining> out = new ArrayList<>();
    for (Prescription.Line l : p.lines()) {
      int left = l.remainingQuantity() - deliveredUnknown.getOrDefault(l.lineId(), 0);
      if (!inDocument.contains(l.lineId()) && left > 0) {
        out.add(new DispensationDocumentData.Remaining(l.product().label(), left));
      }
    }
    return out;
  }

  private static List<Line> lines(Dispensation d, Prescription p) {
    List<Line> out = new ArrayList<>();
    for (Dispensation.Line l : d.lines()) {
      Prescription.Line prescribed =
          p.lines().stream()
              .filter(pl -> pl.lineId().equals(l.lineId()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "ligne " + l.lineId() + " absente de la prescription"));
      Product product = product(prescribed.product().code(), prescribed.product().label());
      int delivered = l.accepted().map(Dispensation.Accepted::quantity).orElse(l.quantity());
      int remaining =
          l.accepted()
              .map(Dispensation.Accepted::remainingQuantity)
              .orElse(prescribed.remainingQuantity());
      if (delivered > 0) {
        Completeness completeness =
            Completeness.valueOf(
                l.accepted().map(Dispensation.Accepted::completenessCode).orElseThrow());
        out.add(
            (l.deliveredProduct().isPresent()
                    ? Line.substituted(
                        l.lineId(),
                        product,
                        product(
                            l.deliveredProduct().get().code(), l.deliveredProduct().get().label()),
                        delivered,
                        completeness,
                        remaining)
                    : Line.delivered(l.lineId(), product, delivered, completeness, remaining))
                .withBox(l.box().lot(), l.box().expiry()));
      } else if (l.notDeliveredReason().isPresent()) {
        out.add(Line.notDelivered(l.lineId(), product, l.notDeliveredReason().get(), remaining));
      }
      // quantity 0 without a reason: the line was not handled in this dispensation
    }
    for (Dispensation.HandwrittenLine h : d.handwrittenLines()) {
      // A handwritten line may name a product without CIP13: the document carries it by its text
      // (eDISP: product code nullFlavor NA), the rest of the dispensation goes to the DMP and DP.
      Product product =
          h.cip13() == null ? Product.uncoded(h.label()) : product(h.cip13(), h.label());
      out.add(Line.handwritten(product, h.quantity(), Completeness.FFC));
    }
    return out;
  }

  private static Product product(String cip13, String label) {
    if (cip13 == null) {
      throw new IllegalStateException("produit sans code CIP13 (" + label + ")");
    }
    return new Product(Cip13.of(cip13), label);
  }

  /**
   * The patient as the document names it: with a qualified INS, the INSi traits (identitovigilance:
   * those are the ones that go with the INS); otherwise the prescription's traits.
   */
  private static Patient patient(Prescription.Patient p, Optional<QualifiedIdentity> identity) {
    Optional<Ins> ins = p.qualifiedIns();
    if (identity.isPresent() && ins.isPresent() && identity.get().ins().equals(ins.get())) {
      QualifiedIdentity q = identity.get();
      return new Patient(
          Optional.of(q.ins()),
          q.birthName(),
          q.firstNames(),
          q.birthDate(),
          sex(q.sex()),
          q.birthPlace());
    }
    return new Patient(ins, p.birthName(), p.firstName(), p.birthDate(), sex(p.sex()));
  }

  private static Sex sex(String code) {
    try {
      return code == null ? Sex.U : Sex.valueOf(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Sex.U;
    }
  }

  private static String frenchCause(RuntimeException e) {
    String m = e.getMessage();
    return m == null ? "erreur interne." : m + ".";
  }

  /** Compiles the report on first use, once, whatever the thread. */
  static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    private Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    static <T> Lazy<T> of(Supplier<T> factory) {
      return new Lazy<>(factory);
    }

    @Override
    public T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = factory.get();
            value = v;
          }
        }
      }
      return v;
    }
  }
}
