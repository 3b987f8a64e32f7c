package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.HandwrittenLineRequest;
import fr.officine.segur.api.dispensation.LineRequest;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Finess;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.dispensation.Dispensation.HandwrittenLine;
import fr.officine.segur.dispensation.Dispensation.Refusal;
import fr.officine.segur.dp.RecalledLots;
import fr.officine.segur.prescription.BaseNoAnswer;
import fr.officine.segur.prescription.EPrescriptionBase;
import fr.officine.segur.prescription.ExecutionOrder;
import fr.officine.segur.prescription.ExecutionOutcome;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.prescription.Prescription.Product;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.safety.SafetySignals;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records a dispensation (DESIGN.md "The counter flow"): store the dispensation (first short
 * transaction), send the execution to the base outside any transaction with the dispensation id as
 * idExecution, store the base's answer (second transaction). The Idempotency-Key and the HTTP
 * answer stored under it are the resource layer's ({@link IdempotentDispensations}); which lines
 * unknown to the base may be delivered is {@link UnknownProductPolicy}'s.
 *
 * <p>Without an answer (issue 10 §1): a request that never reached the base is NOT_RECORDED at
 * once, final, its answer stored under the key (nothing is ever re-sent for it: the patient may
 * have left with a paper delivery); one that may have reached it is IN_DOUBT and its key released
 * (a replay of the same request resends the same id, which the base recognises). An in-doubt one is
 * settled by asking the base whether it holds an execution with that id ({@link #settle}): by the
 * recovery task, or by a pharmacist (check now, or cancel once the base confirms it never recorded
 * it). Never by sending it again behind the pharmacist's back.
 */
@ApplicationScoped
public class DispensationService {
  private static final Logger LOG = Logger.getLogger(DispensationService.class.getName());

  /** A box's expiry is a French calendar day. */
  private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

  private DispensationStore store;
  private EPrescriptionBase base;
  private Clock clock;
  private Optional<DispensationFeed> feed;
  private Optional<UnknownProductDeliveries> unknownProducts;
  private UnknownProductPolicy unknownProductPolicy;
  private Optional<RecalledLots> recalls;
  private Optional<SafetySignals> safety = Optional.empty();
  private Optional<DispensationNumbers> numbers = Optional.empty();
  private Optional<PrescriptionLocks> prescriptionLocks = Optional.empty();

  protected DispensationService() {}

  /** Without documents nor outbox (tests of the base exchange alone). */
  public DispensationService(DispensationStore store, EPrescriptionBase base) {
    this(store, base, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** As the 2-argument one, with the lot recalls checked (tests of the box rules). */
  DispensationService(DispensationStore store, EPrescriptionBase base, RecalledLots recalls) {
    this(store, base, Optional.empty(), Optional.empty(), Optional.of(recalls));
  }

  @Inject
  public DispensationService(
      DispensationStore store,
      EPrescriptionBase base,
      DispensationFeed feed,
      UnknownProductDeliveries unknownProducts,
      RecalledLots recalls,
      SafetySignals safety,
      DispensationNumbers numbers,
      PrescriptionLocks prescriptionLocks) {
    this(store, base, Optional.of(feed), Optional.of(unknownProducts), Optional.of(recalls));
    this.safety = Optional.of(safety);
    this.numbers = Optional.of(numbers);
    this.prescriptionLocks = Optional.of(prescriptionLocks);
  }

  /** As the 2-argument one, with the lines unknown to the base (tests of their arbitration). */
  DispensationService(
      DispensationStore store,
      EPrescriptionBase base,
      UnknownProductDeliveries unknownProducts,
      PrescriptionLocks prescriptionLocks) {
    this(store, base, Optional.empty(), Optional.of(unknownProducts), Optional.empty());
    this.prescriptionLocks = Optional.of(prescriptionLocks);
  }

  private DispensationService(
      DispensationStore store,
      EPrescriptionBase base,
      Optional<DispensationFeed> feed,
      Optional<UnknownProductDeliveries> unknownProducts,
      Optional<RecalledLots> recalls) {
    this.recalls = recalls;
    this.store = store;
    this.base = base;
    this.clock = Clock.systemUTC();
    this.feed = feed;
    this.unknownProducts = unknownProducts;
    this.unknownProductPolicy = new UnknownProductPolicy(base, unknownProducts);
  }

  /**
   * Refuses, before anything is stored or any Idempotency-Key taken, a request that cannot be
   * recorded: invalid, a box past its expiry, a recalled lot.
   */
  public void check(PrescriptionNumber number, DispensationRequest request, Account actor) {
    DispensationRequests.validate(request);
    DispensationRequests.refuseExpiredBoxes(request, LocalDate.now(clock.withZone(FRANCE)));
    refuseRecalledLots(number, request, actor);
  }

  /**
   * Records the dispensation {@code id} (the one an Idempotency-Key claimed): stored on its first
   * request, found again on a replay, then sent to the base ({@link #send}); returns it as stored.
   */
  public Dispensation record(
      DispensationId id,
      PrescriptionNumber number,
      DispensationRequest request,
      Account actor,
      AuthMode authMode) {
    Dispensation d = store.find(id).orElseGet(() -> insert(id, number, request, actor, authMode));
    return send(d);
  }

  /**
   * Sends an unsettled (SUBMITTING, or IN_DOUBT on a replay of the same request) dispensation to
   * the base and stores the answer; returns it as stored: RECORDED, REFUSED, NOT_RECORDED (the
   * request never reached the base) or IN_DOUBT (it may have).
   */
  public Dispensation send(Dispensation d) {
    if (!d.status().unsettled()) {
      return d;
    }
    store.countAttempt(d.id());
    try {
      // Only lines the base does not know: nothing to execute there (it would refuse them all);
      // its current state of the prescription is what the documents and the answer need.
      ExecutionOutcome outcome =
          d.onlyUnknownProducts()
              ? new ExecutionOutcome(
                  d.id().toString(),
                  false,
                  List.of(),
                  base.consult(d.prescriptionNumber(), d.caller()))
              : base.recordExecution(order(d), d.caller());
      accepted(d, outcome, null);
    } catch (ProblemException p) {
      noAnswerOrRefusal(d, p);
    }
    // each status change is in the pharmacy's event feed, written by the store in its transaction
    return reread(d);
  }

  /**
   * Where a failed send leaves the dispensation. Only its very first send can prove it never
   * reached the base: after an earlier attempt that may have reached it, a failure proves nothing.
   */
  private void noAnswerOrRefusal(Dispensation d, ProblemException p) {
    boolean firstSend = d.status() == DispensationStatus.SUBMITTING && d.attempts() == 0;
    boolean neverSent =
        (p instanceof BaseNoAnswer n && n.reach() == BaseNoAnswer.Reach.NOT_REACHED)
            // TLS refused before anything was written (certificate absent, expired, refused)
            || p.type() == ProblemType.ORGANISATION_CERTIFICATE_MISSING
            || p.type() == ProblemType.ORGANISATION_CERTIFICATE_INVALID
            // only lines unknown to the base: the call was a consult, nothing to record there
            || (d.onlyUnknownProducts() && p.type() == ProblemType.EPRESCRIPTION_UNAVAILABLE);
    if (neverSent && firstSend) {
      ProblemType type =
          p.type() == ProblemType.EPRESCRIPTION_UNAVAILABLE
              ? ProblemType.DISPENSATION_NOT_RECORDED
              : p.type();
      // the catalogue's sentence says it all (one sentence at the counter)
      String detail = p.type() == ProblemType.EPRESCRIPTION_UNAVAILABLE ? type.title() : p.detail();
      store.recordNotRecorded(d.id(), new Refusal(type, detail, Optional.empty()), null);
    } else if (p.type() == ProblemType.EPRESCRIPTION_UNAVAILABLE
        || p.type() == ProblemType.ORGANISATION_CERTIFICATE_MISSING
        || p.type() == ProblemType.ORGANISATION_CERTIFICATE_INVALID) {
      store.recordInDoubt(
          d.id(),
          new Refusal(
              ProblemType.DISPENSATION_IN_DOUBT,
              "Envoyée à la base, réponse perdue : la base l'a peut-être enregistrée. Le module le lui demande.",
              Optional.empty()));
    } else {
      store.recordRefused(d.id(), new Refusal(p.type(), p.detail(), p.lineId()));
    }
  }

  private Dispensation reread(Dispensation d) {
    return store
        .find(d.id())
        .orElseThrow(() -> new IllegalStateException("dispensation vanished: " + d.id()));
  }

  /** Stores the base's acceptance (and the documents and sends after it); {@code by} settles it. */
  private void accepted(Dispensation d, ExecutionOutcome outcome, String by) {
    if (feed.isPresent()) {
      // built before the transaction, stored in it: never rebuilt once RECORDED (same uniqueId,
      // same bytes on every DMP retry)
      Dispensation accepted = withAccepted(d, outcome);
      DispensationFeed.Prepared prepared = feed.get().prepare(accepted, outcome.prescription());
      boolean moved =
          store.recordAccepted(
              d.id(),
              outcome,
              outcome.prescription().status().name(),
              h -> feed.get().write(h, accepted, prepared),
              by);
      if (moved) {
        feed.get().committed();
      }
    } else {
      store.recordAccepted(d.id(), outcome, outcome.prescription().status().name(), h -> {}, by);
    }
  }

  /**
   * A box whose lot the DP recalled (DP-Rappels, "ne plus délivrer") is never delivered, whatever
   * the counter showed: checked here against every recall the module learnt. The box's product is
   * the substitute when one is given, else the prescribed product (the base is asked only when a
   * recall names this lot number).
   */
  private void refuseRecalledLots(
      PrescriptionNumber number, DispensationRequest request, Account actor) {
    if (recalls.isEmpty()) {
      return;
    }
    Prescription prescription = null;
    for (LineRequest l : DispensationRequests.orEmpty(request.lines())) {
      if (l.lot() == null || l.quantity() == 0) {
        continue;
      }
      List<RecalledLots.Recall> recalled = recalls.get().find(l.lot());
      if (recalled.isEmpty()) {
        continue;
      }
      String boxCip13;
      if (l.deliveredProduct() != null) {
        boxCip13 = l.deliveredProduct().cip13();
      } else {
        if (prescription == null) {
          prescription = base.consult(number, CallerContext.of(actor));
        }
        boxCip13 =
            prescription.lines().stream()
                .filter(pl -> pl.lineId().equals(l.lineId()))
                .findFirst()
                .map(pl -> pl.product().code())
                .orElse(null);
      }
      for (RecalledLots.Recall r : recalled) {
        if (r.cip13().equals(boxCip13)) {
          throw new ProblemException(
              ProblemType.BOX_LOT_RECALLED,
              "Ligne "
                  + l.lineId()
                  + " : "
                  + (r.message() == null ? "rappel du lot " + r.lot() + "." : r.message()),
              l.lineId(),
              null);
        }
      }
    }
  }

  /** {@link #recover(OffsetDateTime, OffsetDateTime)} with one bound for both. */
  public int recover(OffsetDateTime before) {
    return recover(before, before);
  }

  /**
   * Settles the IN_DOUBT dispensations whose last change is older than {@code inDoubtBefore}, and
   * the SUBMITTING ones (left by a crash) older than {@code submittingBefore} (far past any request
   * still in flight): asks the base; returns how many settled.
   */
  public int recover(OffsetDateTime inDoubtBefore, OffsetDateTime submittingBefore) {
    int settled = 0;
    for (DispensationId id : store.unsettledSince(inDoubtBefore, submittingBefore)) {
      Optional<Dispensation> d = store.find(id);
      if (d.isEmpty()) {
        continue;
      }
      try {
        if (!settle(d.get(), DispensationStore.RECOVERY, true).status().unsettled()) {
          settled++;
        }
      } catch (ProblemException e) {
        LOG.fine(
            () -> "Dispensation " + id + " still in doubt, the base did not answer: " + e.type());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Recovery of dispensation " + id + " failed", e);
      }
    }
    return settled;
  }

  /**
   * Asks the base whether it recorded {@code d}: every execution it lists carries its id (the
   * consult of the prescription lists each line's executions). Recorded: the same execution is sent
   * again only to get the base's answer for it (the base recognises the id and records nothing
   * new), and stored as RECORDED. Not recorded: NOT_RECORDED when {@code cancelIfAbsent} (the
   * recovery task, a pharmacist's cancel), else left in doubt. {@code by} is who settles it. A
   * dispensation already settled is returned as is. Throws when the base does not answer.
   */
  public Dispensation settle(Dispensation d, String by, boolean cancelIfAbsent) {
    if (!d.status().unsettled()) {
      return d;
    }
    boolean recorded =
        !d.onlyUnknownProducts()
            && base.consult(d.prescriptionNumber(), d.caller()).lines().stream()
                .flatMap(l -> l.executions().stream())
                .anyMatch(e -> d.id().toString().equals(e.executionId()));
    if (recorded) {
      accepted(d, base.recordExecution(order(d), d.caller()), by);
    } else if (cancelIfAbsent) {
      store.recordNotRecorded(
          d.id(),
          new Refusal(
              ProblemType.DISPENSATION_NOT_RECORDED,
              "La base ordonnance numérique confirme ne pas avoir enregistré cette délivrance : à refaire.",
              Optional.empty()),
          by);
    }
    // each status change is in the pharmacy's event feed, written by the store in its transaction
    return reread(d);
  }

  /**
   * The pharmacy's dispensations in {@code status}, newest first (at most {@code limit}), after
   * {@code after} in that order when given (the next page).
   */
  public List<Dispensation> ofPharmacy(
      String finess, DispensationStatus status, Optional<DispensationId> after, int limit) {
    return store.findAll(store.ofPharmacy(finess, status, after, limit));
  }

  /** {@code d} with the base's accepted quantities and completeness codes on its lines. */
  static Dispensation withAccepted(Dispensation d, ExecutionOutcome outcome) {
    return new Dispensation(
        d.id(),
        d.prescriptionNumber(),
        d.pharmacyFiness(),
        d.pharmacyName(),
        d.login(),
        d.rpps(),
        d.pharmacistName(),
        d.authMode(),
        DispensationStatus.RECORDED,
        d.createdAt(),
        d.attempts(),
        d.lastAttemptAt(),
        Optional.of(outcome.prescription().status().name()),
        Optional.empty(),
        d.lines().stream()
            .map(
                l ->
                    l.accepted(
                        outcome.acceptedLines().stream()
                            .filter(a -> a.lineId().equals(l.lineId()))
                            .findFirst()
                            .map(
                                a ->
                                    new Dispensation.Accepted(
                                        a.quantity(),
                                        a.completenessCode(),
                                        a.remainingQuantity()))))
            .toList(),
        d.handwrittenLines(),
        d.unknownProductLines());
  }

  /** The dispensation with its sends to the national services and the links to its document. */
  public fr.officine.segur.api.dispensation.DispensationView view(Dispensation d) {
    fr.officine.segur.api.dispensation.DispensationView v =
        feed.map(f -> DispensationViews.view(d, f.sends(d.id()), f.hasDocument(d.id())))
            .orElseGet(() -> DispensationViews.view(d));
    v =
        unknownProducts.isEmpty() || d.unknownProductLines().isEmpty()
            ? v
            : DispensationViews.withUnknownProducts(
                v, unknownProducts.get().ofDispensation(d.id().toString()));
    // the short number the counter shows, once the base recorded it
    return d.status() == DispensationStatus.RECORDED && numbers.isPresent()
        ? v.withLocalNumber(numbers.get().of(Finess.of(d.pharmacyFiness()), d.id()))
        : v;
  }

  public Optional<Dispensation> find(DispensationId id) {
    return store.find(id);
  }

  /**
   * The dispensation {@code id} of pharmacy {@code finess}, as an API call names it: another
   * pharmacy's does not exist for it (the same 404 as an unknown or malformed id, nothing
   * disclosed).
   */
  public Dispensation ofPharmacy(String id, String finess) {
    DispensationId checked;
    try {
      checked = DispensationId.parse(id);
    } catch (InvalidIdentifierException e) {
      throw notFound();
    }
    return find(checked)
        .filter(d -> d.pharmacyFiness().equals(finess))
        .orElseThrow(DispensationService::notFound);
  }

  private static ProblemException notFound() {
    return new ProblemException(
        ProblemType.DISPENSATION_NOT_FOUND,
        "Aucune délivrance de votre pharmacie sous cet identifiant.");
  }

  /**
   * Lines unknown to the base are counted by this module alone (the base refuses them), so two
   * counters delivering the same one at once must not both pass the remaining-quantity check: the
   * check and the insert run under one lock per prescription, whatever the pharmacy (both read the
   * same prescription and count each other's deliveries, issue 11 §17), and whatever the node: a
   * row lock in the shared database ({@link PrescriptionLocks}), not a JVM lock (issue 13 §3).
   */
  private Dispensation insert(
      DispensationId id,
      PrescriptionNumber number,
      DispensationRequest request,
      Account actor,
      AuthMode authMode) {
    // safety signals of the lines (recall, narcotic rules): refused before anything is stored
    safety.ifPresent(s -> s.check(number, request, actor));
    if (DispensationRequests.orEmpty(request.unknownProductLines()).isEmpty()) {
      return store.insert(newDispensation(id, number, request, actor, authMode, List.of()));
    }
    PrescriptionLocks locks =
        prescriptionLocks.orElseThrow(() -> new IllegalStateException("no prescription locks"));
    return locks.holding(
        number,
        () ->
            store.insert(
                newDispensation(
                    id,
                    number,
                    request,
                    actor,
                    authMode,
                    unknownProductPolicy.lines(number, request, actor))));
  }

  private Dispensation newDispensation(
      DispensationId id,
      PrescriptionNumber number,
      DispensationRequest request,
      Account actor,
      AuthMode authMode,
      List<Dispensation.UnknownProductLine> unknownLines) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return new Dispensation(
        id,
        number,
        actor.pharmacy().finess(),
        actor.pharmacy().name(),
        actor.login(),
        actor.rpps(),
        actor.displayName(),
        authMode,
        DispensationStatus.SUBMITTING,
        now,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DispensationRequests.orEmpty(request.lines()).stream()
            .map(DispensationService::line)
            .toList(),
        DispensationRequests.orEmpty(request.handwrittenLines()).stream()
            .map(DispensationService::handwritten)
            .toList(),
        unknownLines);
  }

  private static Dispensation.Line line(LineRequest l) {
    return new Dispensation.Line(
        l.lineId(),
        l.quantity(),
        Optional.ofNullable(l.deliveredProduct()).map(p -> new Product(p.cip13(), null, p.label())),
        Optional.ofNullable(l.notDeliveredReason())
            .map(r -> DispensationRequests.reason(r, l.lineId())),
        Optional.empty(),
        DispensationRequests.box(l));
  }

  private static HandwrittenLine handwritten(HandwrittenLineRequest h) {
    return new HandwrittenLine(h.cip13(), h.label(), h.quantity());
  }

  static ExecutionOrder order(Dispensation d) {
    return new ExecutionOrder(
        d.id(),
        d.prescriptionNumber(),
        d.createdAt(),
        d.lines().stream()
            .map(
                l ->
                    new ExecutionOrder.ExecutedLine(
                        l.lineId(), l.quantity(), l.deliveredProduct(), l.notDeliveredReason()))
            .toList(),
        d.handwrittenLines().stream()
            .map(
                h ->
                    new ExecutionOrder.HandwrittenItem(
                        new Product(h.cip13(), null, h.label()), h.quantity()))
            .toList());
  }
}
