package fr.officine.segur.api.dispensation;

import jakarta.json.bind.annotation.JsonbCreator;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A recorded dispensation ({@code 201} answer and {@code GET /api/v1/dispensations/{id}}). {@code
 * status}: RECORDED (accepted by the base), REFUSED (refused by the base), SUBMITTING (only until
 * the base answers), NOT_RECORDED (never reached the base: final, nothing is re-sent later) or
 * IN_DOUBT (sent, the answer was lost: the base may have recorded it; settled by the recovery task
 * or by a pharmacist). {@code settledAt} / {@code settledBy}: when and by whom (a pharmacist's
 * name, or "recovery") an in-doubt one was settled; absent otherwise. {@code links}: its documents
 * ({@code document.pdf}, {@code document.xml}) once they exist. {@code unknownProductLines}: the
 * lines unknown to the base delivered with it (not sent to the base), each kept for reconciliation.
 * {@code localNumber}: the dispensation's short number in its pharmacy (1, 2, 3…) once recorded,
 * what the counter and the prints show ("Délivrance n° 42"); the {@code dispensationId} stays its
 * identifier.
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
    String settledBy,
    Long localNumber) {

  /** The one constructor JSON-B uses (a record with several constructors needs it named). */
  @JsonbCreator
  public DispensationView {}

  /** Not an in-doubt one settled. */
  public DispensationView(
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
    this(
        dispensationId,
        prescriptionNumber,
        status,
        recordedAt,
        pharmacyFiness,
        pharmacistName,
        lines,
        handwrittenLines,
        prescriptionStatus,
        sends,
        links,
        unknownProductLines,
        null,
        null,
        null);
  }

  /** Without its pharmacy-local number (given once recorded, {@link #withLocalNumber}). */
  public DispensationView(
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
    this(
        dispensationId,
        prescriptionNumber,
        status,
        recordedAt,
        pharmacyFiness,
        pharmacistName,
        lines,
        handwrittenLines,
        prescriptionStatus,
        sends,
        links,
        unknownProductLines,
        settledAt,
        settledBy,
        null);
  }

  /** The same view with its pharmacy-local number. */
  public DispensationView withLocalNumber(Long number) {
    return new DispensationView(
        dispensationId,
        prescriptionNumber,
        status,
        recordedAt,
        pharmacyFiness,
        pharmacistName,
        lines,
        handwrittenLines,
        prescriptionStatus,
        sends,
        links,
        unknownProductLines,
        settledAt,
        settledBy,
        number);
  }
}
