package fr.officine.segur.dispensation;

import fr.officine.segur.prescription.ExecutionOrder;
import fr.officine.segur.prescription.ExecutionOutcome;
import fr.officine.segur.prescription.Prescription.Product;
import java.util.Optional;

/**
 * Stores the base's acceptance of a dispensation, whether it came as the answer to its first send
 * or from a settlement ({@link InDoubtSettlement}): the documents and the sends to the national
 * services are built before the transaction and written in it, never rebuilt once RECORDED (same
 * uniqueId, same bytes on every DMP retry).
 */
final class AcceptedExecutions {
  private final DispensationStore store;
  private final Optional<DispensationFeed> feed;

  AcceptedExecutions(DispensationStore store, Optional<DispensationFeed> feed) {
    this.store = store;
    this.feed = feed;
  }

  /** Stores the base's {@code outcome} for {@code d}; {@code by} settles it (null: its send). */
  void store(Dispensation d, ExecutionOutcome outcome, String by) {
    String prescriptionStatus = outcome.prescription().status().name();
    if (feed.isEmpty()) {
      store.recordAccepted(d.id(), outcome, prescriptionStatus, h -> {}, by);
      return;
    }
    Dispensation accepted = withAccepted(d, outcome);
    DispensationFeed.Prepared prepared = feed.get().prepare(accepted, outcome.prescription());
    boolean moved =
        store.recordAccepted(
            d.id(), outcome, prescriptionStatus, h -> feed.get().write(h, accepted, prepared), by);
    if (moved) {
      feed.get().committed();
    }
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

  /**
   * The execution the base is sent for {@code d}, with its id as idExecution: the same on every
   * send, so the base recognises a replay and records nothing new.
   */
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
