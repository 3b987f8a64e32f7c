package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DispensationProblem;
import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.Problem;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.dispensation.Dispensation.Refusal;
import fr.officine.segur.dispensation.IdempotencyStore.Claim;
import fr.officine.segur.dispensation.IdempotencyStore.Claimed;
import fr.officine.segur.dispensation.IdempotencyStore.Completed;
import fr.officine.segur.dispensation.IdempotencyStore.InProgress;
import fr.officine.segur.dispensation.IdempotencyStore.Reused;
import fr.officine.segur.dispensation.IdempotencyStore.StoredAnswer;
import fr.officine.segur.http.JsonCodec;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.AuthMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * The Idempotency-Key of {@code POST …/dispensations} (DESIGN.md "The counter flow"), in the
 * resource layer (issue 14 §4: out of DispensationService, which knows no HTTP): the key is claimed
 * before the dispensation is recorded, and the HTTP answer (status, media type, body) stored under
 * it is replayed as is for the same request; a key reused for another request, or still in
 * progress, is refused.
 */
@ApplicationScoped
public class IdempotentDispensations {
  private DispensationService dispensations;
  private DispensationReads reads;
  private IdempotencyStore keys;
  private JsonCodec json;

  protected IdempotentDispensations() {}

  @Inject
  public IdempotentDispensations(
      DispensationService dispensations,
      DispensationReads reads,
      IdempotencyStore keys,
      JsonCodec json) {
    this.dispensations = dispensations;
    this.reads = reads;
    this.keys = keys;
    this.json = json;
  }

  /**
   * Returns the HTTP answer to send (the stored one on a replay). Throws a ProblemException for
   * answers that are not stored under the key: invalid request, key reused or in progress, base
   * unavailable.
   */
  public StoredAnswer dispense(
      PrescriptionNumber number,
      String idempotencyKey,
      DispensationRequest request,
      Account actor,
      AuthMode authMode,
      String instance) {
    dispensations.check(number, request, actor);
    String finess = actor.pharmacy().finess();
    Claim claim =
        keys.claim(
            finess,
            idempotencyKey,
            DispensationRequests.fingerprint(number, request),
            DispensationId.newId());
    if (claim instanceof Completed completed) {
      return completed.answer();
    }
    if (claim instanceof Reused) {
      throw new ProblemException(
          ProblemType.IDEMPOTENCY_KEY_REUSED,
          "Cette Idempotency-Key a déjà servi pour une autre demande de cette pharmacie.");
    }
    if (claim instanceof InProgress) {
      throw new ProblemException(
          ProblemType.REQUEST_IN_PROGRESS,
          "Une demande avec la même Idempotency-Key est en cours ; rejouez-la dans un instant.");
    }
    DispensationId id = ((Claimed) claim).dispensationId();
    try {
      Dispensation done = dispensations.record(id, number, request, actor, authMode);
      StoredAnswer answer = answer(done, instance);
      if (done.status().unsettled()) {
        // in doubt: the same request may come again and resend the same id (the base knows it)
        keys.release(finess, idempotencyKey);
      } else {
        keys.complete(finess, idempotencyKey, answer);
      }
      return answer;
    } catch (RuntimeException e) {
      // no definitive answer (base unavailable, defect): the key can be replayed, same id
      keys.release(finess, idempotencyKey);
      throw e;
    }
  }

  /** The HTTP answer of {@code d} as recorded: the view (201) or its problem. */
  StoredAnswer answer(Dispensation d, String instance) {
    if (d.status() == DispensationStatus.RECORDED) {
      return new StoredAnswer(201, MediaType.APPLICATION_JSON, json.write(reads.view(d)), d.id());
    }
    if (d.status() != DispensationStatus.REFUSED) {
      // no answer from the base: the problem says which of the two, and names the dispensation
      DispensationStatus status =
          d.status() == DispensationStatus.SUBMITTING ? DispensationStatus.IN_DOUBT : d.status();
      Refusal why =
          d.refusal()
              .filter(
                  r ->
                      status == DispensationStatus.NOT_RECORDED
                          || r.type() == ProblemType.DISPENSATION_IN_DOUBT)
              .orElse(
                  new Refusal(
                      ProblemType.DISPENSATION_IN_DOUBT,
                      ProblemType.DISPENSATION_IN_DOUBT.title(),
                      Optional.empty()));
      Problem problem = Problem.of(why.type(), why.detail(), instance, null);
      return new StoredAnswer(
          why.type().status(),
          Problem.MEDIA_TYPE,
          json.write(DispensationProblem.of(problem, d.id().toString(), status.name())),
          d.id());
    }
    Refusal r =
        d.refusal()
            .orElse(
                new Refusal(
                    ProblemType.EPRESCRIPTION_REFUSED, "Refus sans motif.", Optional.empty()));
    Problem problem = Problem.of(r.type(), r.detail(), instance, r.lineId().orElse(null));
    return new StoredAnswer(r.type().status(), Problem.MEDIA_TYPE, json.write(problem), d.id());
  }
}
