package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.HandwrittenLineRequest;
import fr.officine.segur.api.dispensation.LineRequest;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.dispensation.Dispensation.HandwrittenLine;
import fr.officine.segur.dispensation.Dispensation.Refusal;
import fr.officine.segur.dp.RecalledLots;
import fr.officine.segur.prescription.BaseNoAnswer;
import fr.officine.segur.prescription.EPrescriptionBase;
import fr.officine.segur.prescription.ExecutionOutcome;
import fr.officine.segur.prescription.Prescription.Product;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.safety.SafetySignals;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.AuthMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Records a dispensation (DESIGN.md "The counter flow"): store the dispensation (first short
 * transaction), send the execution to the base outside any transaction with the dispensation id as
 * idExecution, store the base's answer (second transaction, {@link AcceptedExecutions}). The
 * Idempotency-Key and the HTTP answer stored under it are the resource layer's ({@link
 * IdempotentDispensations}); which lines unknown to the base may be delivered is {@link
 * UnknownProductPolicy}'s; reading them back is {@link DispensationReads}'.
 *
 * <p>Without an answer (issue 10 §1): a request that never reached the base is NOT_RECORDED at
 * once, final, its answer stored under the key (nothing is ever re-sent for it: the patient may
 * have left with a paper delivery); one that may have reached it is IN_DOUBT and its key released
 * (a replay of the same request resends the same id, which the base recognises). An in-doubt one is
 * settled by {@link InDoubtSettlement}, never by sending it again behind the pharmacist's back.
 */
@ApplicationScoped
public class DispensationService {
  /** A box's expiry is a French calendar day. */
  private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

  private DispensationStore store;
  private EPrescriptionBase base;
  private Clock clock;
  private AcceptedExecutions accepted;
  private UnknownProductPolicy unknownProductPolicy;
  private Optional<RecalledLotCheck> recalledLots;
  private Optional<SafetySignals> safety = Optional.empty();
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
      PrescriptionLocks prescriptionLocks) {
    this(store, base, Optional.of(feed), Optional.of(unknownProducts), Optional.of(recalls));
    this.safety = Optional.of(safety);
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
    this.store = store;
    this.base = base;
    this.clock = Clock.systemUTC();
    this.accepted = new AcceptedExecutions(store, feed);
    this.recalledLots = recalls.map(r -> new RecalledLotCheck(r, base));
    this.unknownProductPolicy = new UnknownProductPolicy(base, unknownProducts);
  }

  /**
   * Refuses, before anything is stored or any Idempotency-Key taken, a request that cannot be
   * recorded: invalid, a box past its expiry, a recalled lot.
   */
  public void check(PrescriptionNumber number, DispensationRequest request, Account actor) {
    DispensationRequests.validate(request);
    DispensationRequests.refuseExpiredBoxes(request, LocalDate.now(clock.withZone(FRANCE)));
    recalledLots.ifPresent(r -> r.refuse(number, request, actor));
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
              : base.recordExecution(AcceptedExecutions.order(d), d.caller());
      accepted.store(d, outcome, null);
    } catch (ProblemException p) {
      noAnswerOrRefusal(d, p);
    }
    // each status change is in the pharmacy's event feed, written by the store in its transaction
    return store.get(d.id());
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
}
