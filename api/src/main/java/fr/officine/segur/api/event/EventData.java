package fr.officine.segur.api.event;

import java.time.OffsetDateTime;

/**
 * What an event says, ids and codes only (absent fields are left out of the JSON):
 *
 * <ul>
 *   <li>dispensation events: {@code dispensationId}, {@code prescriptionNumber}, {@code status}
 *       (the dispensation's status after the change), {@code code} (REFUSED / NOT_RECORDED: the
 *       problem catalogue's code), {@code settledAt} / {@code settledBy} (DISPENSATION_SETTLED);
 *   <li>send events: {@code dispensationId}, {@code target} (DMP, DP, MSSANTE…), {@code state} (the
 *       send's state after the change: SENT, REFUSED, NOT_APPLICABLE, PENDING), {@code attempts},
 *       {@code reasonCode} (the send's {@link fr.officine.segur.api.dispensation.SendReason} code,
 *       as the dispensation's {@code sends[]} give it: a NOT_APPLICABLE with INS_NOT_QUALIFIED or
 *       VIA_DP may be reopened, then SENT);
 *   <li>INS_QUALIFIED: {@code ins} (the INS matricule, 13 characters);
 *   <li>RECONCILIATION_RESOLVED: {@code reconciliationId}, {@code dispensationId}.
 * </ul>
 */
public record EventData(
    String dispensationId,
    String prescriptionNumber,
    String status,
    String code,
    OffsetDateTime settledAt,
    String settledBy,
    String target,
    String state,
    Integer attempts,
    String reasonCode,
    String ins,
    String reconciliationId) {

  public static EventData dispensation(
      String dispensationId,
      String prescriptionNumber,
      String status,
      String code,
      OffsetDateTime settledAt,
      String settledBy) {
    return new EventData(
        dispensationId,
        prescriptionNumber,
        status,
        code,
        settledAt,
        settledBy,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public static EventData send(
      String dispensationId, String target, String state, int attempts, String reasonCode) {
    return new EventData(
        dispensationId,
        null,
        null,
        null,
        null,
        null,
        target,
        state,
        attempts,
        reasonCode,
        null,
        null);
  }

  public static EventData identity(String insMatricule) {
    return new EventData(
        null, null, null, null, null, null, null, null, null, null, insMatricule, null);
  }

  public static EventData reconciliation(String reconciliationId, String dispensationId) {
    return new EventData(
        dispensationId,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        reconciliationId);
  }
}
