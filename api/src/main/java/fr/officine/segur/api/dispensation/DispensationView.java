package fr.officine.segur.api.dispensation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A recorded dispensation ({@code 201} answer and {@code GET /api/v1/dispensations/{id}}).
 * {@code status}: RECORDED (accepted by the base), REFUSED (refused by the base), SUBMITTING (only
 * until the base answers), NOT_RECORDED (never reached the base: final, nothing is re-sent later)
 * or IN_DOUBT (sent, the answer was lost: the base may have recorded it; settled by the recovery
 * task or by a pharmacist). {@code settledAt} / {@code settledBy}: when and by whom (a pharmacist's
 * name, or "recovery") an in-doubt one was settled; absent otherwise.
 * {@code links}: its documents ({@code document.pdf}, {@code document.xml}) once they exist.
 * {@code unknownProductLines}: the lines unknown to the base delivered with it (not sent to the
 * base), each kept for reconciliation.
 */
public record DispensationView(
    String dispensationId,
    String prescriptionNumber,
    String status,
    OffsetDateTime recordedAt,
    String pharmacyFiness,
    String pharmacistName,
    List<DispensedLineView> lines,
    List<HandwrittenLineRequest> handwrittenLines,
    String prescriptionStatus,
    List<SendView> sends,
    Map<String, String> links,
    List<UnknownProductDeliveryView> unknownProductLines,
    OffsetDateTime settledAt,
    String settledBy) {

  /** Not an in-doubt one settled. */
  public DispensationView(
      String dispensationId, String prescriptionNumber, String status, OffsetDateTime recordedAt,
      String pharmacyFiness, String pharmacistName, List<DispensedLineView> lines,
      List<HandwrittenLineRequest> handwrittenLines, String prescriptionStatus, List<SendView> sends,
      Map<String, String> links, List<UnknownProductDeliveryView> unknownProductLines) {
    this(dispensationId, prescriptionNumber, status, recordedAt, pharmacyFiness, pharmacistName, lines,
        handwrittenLines, prescriptionStatus, sends, links, unknownProductLines, null, null);
  }
}
