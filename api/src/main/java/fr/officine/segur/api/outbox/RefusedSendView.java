package fr.officine.segur.api.outbox;

import jakarta.json.bind.annotation.JsonbCreator;
import java.time.OffsetDateTime;

/**
 * A send refused for good (patient opposed, professional blocked...), with the French reason and
 * its {@code reasonCode} (api.dispensation.SendReason; null for a send refused before the codes
 * whose sentence matched none).
 */
public record RefusedSendView(
    String dispensationId,
    String target,
    String reason,
    int attempts,
    OffsetDateTime lastAttempt,
    String reasonCode) {

  /** The one constructor JSON-B uses (a record with several constructors needs it named). */
  @JsonbCreator
  public RefusedSendView {}

  /** Without a code (the view before the catalogue of send reasons). */
  public RefusedSendView(
      String dispensationId,
      String target,
      String reason,
      int attempts,
      OffsetDateTime lastAttempt) {
    this(dispensationId, target, reason, attempts, lastAttempt, null);
  }
}
