package fr.officine.segur.trust;

import java.util.Optional;

/**
 * Who calls the base: the pharmacy (FINESS, name) and the professional. Sent in the ContexteLPS
 * header of every call. Explicit rather than read from the request, because the recovery task
 * re-sends dispensations outside any HTTP request.
 */
public record CallerContext(
    String pharmacyFiness, String pharmacyName, Optional<String> rpps, String professionalName) {

  /** The professional of an account (the dispensation checks take the account, not the request). */
  public static CallerContext of(Account actor) {
    return new CallerContext(
        actor.pharmacy().finess(), actor.pharmacy().name(), actor.rpps(), actor.displayName());
  }

  /** The professional acting in the current request. */
  public static CallerContext of(ActingProfessional acting) {
    return new CallerContext(
        acting.pharmacy().finess(), acting.pharmacy().name(), acting.rpps(), acting.displayName());
  }
}
