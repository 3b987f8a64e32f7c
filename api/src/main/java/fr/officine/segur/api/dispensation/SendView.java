package fr.officine.segur.api.dispensation;

import jakarta.json.bind.annotation.JsonbCreator;
import java.time.OffsetDateTime;

/**
 * One outgoing send of a dispensation (target EPRESCRIPTION, DMP, DP). {@code state}: PENDING,
 * SENT, REFUSED (+ reason), NOT_APPLICABLE (+ reason). {@code reason} is the French sentence shown
 * at the counter; {@code reasonCode} the {@link SendReason} code an LGO switches on (null when
 * there is no reason, or for a send settled before the codes existed whose sentence matched none).
 */
public record SendView(
    String target,
    String state,
    String reason,
    int attempts,
    OffsetDateTime lastAttempt,
    String reasonCode) {

  /** The one constructor JSON-B uses (a record with several constructors needs it named). */
  @JsonbCreator
  public SendView {}

  /** Without a code (the view before the catalogue of send reasons). */
  public SendView(
      String target, String state, String reason, int attempts, OffsetDateTime lastAttempt) {
    this(target, state, reason, attempts, lastAttempt, null);
  }
}
