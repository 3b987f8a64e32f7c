package fr.officine.segur.dispensation;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.dispensation.Dispensation.Refusal;
import fr.officine.segur.prescription.EPrescriptionBase;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settles a dispensation the module does not know the fate of (issue 10 §1): IN_DOUBT (its send may
 * have reached the base) or SUBMITTING left by a crash. The base is asked whether it holds an
 * execution with the dispensation's id, by the recovery task or by a pharmacist (check now, or
 * cancel once the base confirms it never recorded it); never by sending it again behind the
 * pharmacist's back.
 */
@ApplicationScoped
public class InDoubtSettlement {
  private static final Logger LOG = Logger.getLogger(InDoubtSettlement.class.getName());

  private DispensationStore store;
  private EPrescriptionBase base;
  private AcceptedExecutions accepted;

  protected InDoubtSettlement() {}

  @Inject
  public InDoubtSettlement(DispensationStore store, EPrescriptionBase base, DispensationFeed feed) {
    this(store, base, Optional.of(feed));
  }

  /** Without documents nor outbox (tests of the base exchange alone). */
  InDoubtSettlement(DispensationStore store, EPrescriptionBase base) {
    this(store, base, Optional.empty());
  }

  private InDoubtSettlement(
      DispensationStore store, EPrescriptionBase base, Optional<DispensationFeed> feed) {
    this.store = store;
    this.base = base;
    this.accepted = new AcceptedExecutions(store, feed);
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
      accepted.store(d, base.recordExecution(AcceptedExecutions.order(d), d.caller()), by);
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
    return store.get(d.id());
  }
}
