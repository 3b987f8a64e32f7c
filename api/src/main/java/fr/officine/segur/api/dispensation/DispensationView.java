package fr.officine.segur.api.dispensation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A recorded dispensation ({@code 201} answer and {@code GET /api/v1/dispensations/{id}}).
 * {@code status}: RECORDED (accepted by the base), SUBMITTING (sent, answer pending), REFUSED.
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
    List<UnknownProductDeliveryView> unknownProductLines) {

}
