package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.prescription.Prescription.Product;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.CallerContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A dispensation as the module stores it: what was asked, who asked (and how they authenticated:
 * the DMP is told so on every send, even a retry long after the session ended), what the base
 * answered.
 */
public record Dispensation(
    DispensationId id,
    PrescriptionNumber prescriptionNumber,
    String pharmacyFiness,
    String pharmacyName,
    String login,
    Optional<String> rpps,
    String pharmacistName,
    AuthMode authMode,
    DispensationStatus status,
    OffsetDateTime createdAt,
    int attempts,
    Optional<OffsetDateTime> lastAttemptAt,
    Optional<String> prescriptionStatus,
    Optional<Refusal> refusal,
    List<Line> lines,
    List<HandwrittenLine> handwrittenLines,
    List<UnknownProductLine> unknownProductLines,
    Optional<Settlement> settlement) {

  /** When and by whom an in-doubt dispensation was settled ("recovery" or a pharmacist's name). */
  public record Settlement(OffsetDateTime at, String by) {}

  /** Not an in-doubt one settled. */
  public Dispensation(
      DispensationId id,
      PrescriptionNumber prescriptionNumber,
      String pharmacyFiness,
      String pharmacyName,
      String login,
      Optional<String> rpps,
      String pharmacistName,
      AuthMode authMode,
      DispensationStatus status,
      OffsetDateTime createdAt,
      int attempts,
      Optional<OffsetDateTime> lastAttemptAt,
      Optional<String> prescriptionStatus,
      Optional<Refusal> refusal,
      List<Line> lines,
      List<HandwrittenLine> handwrittenLines,
      List<UnknownProductLine> unknownProductLines) {
    this(
        id,
        prescriptionNumber,
        pharmacyFiness,
        pharmacyName,
        login,
        rpps,
        pharmacistName,
        authMode,
        status,
        createdAt,
        attempts,
        lastAttemptAt,
        prescriptionStatus,
        refusal,
        lines,
        handwrittenLines,
        unknownProductLines,
        Optional.empty());
  }

  /** Without lines unknown to the base. */
  public Dispensation(
      DispensationId id,
      PrescriptionNumber prescriptionNumber,
      String pharmacyFiness,
      String pharmacyName,
      String login,
      Optional<String> rpps,
      String pharmacistName,
      AuthMode authMode,
      DispensationStatus status,
      OffsetDateTime createdAt,
      int attempts,
      Optional<OffsetDateTime> lastAttemptAt,
      Optional<String> prescriptionStatus,
      Optional<Refusal> refusal,
      List<Line> lines,
      List<HandwrittenLine> handwrittenLines) {
    this(
        id,
        prescriptionNumber,
        pharmacyFiness,
        pharmacyName,
        login,
        rpps,
        pharmacistName,
        authMode,
        status,
        createdAt,
        attempts,
        lastAttemptAt,
        prescriptionStatus,
        refusal,
        lines,
        handwrittenLines,
        List.of(),
        Optional.empty());
  }

  /**
   * A prescribed line whose product the base does not know (flagged UNKNOWN_PRODUCT), delivered
   * with this dispensation but never sent to the base: kept for reconciliation. Code, code system
   * and label come from the prescription as the base gave it.
   */
  public record UnknownProductLine(
      String lineId, int quantity, String productCode, String codeSystem, String label) {}

  /** Nothing to send to the base: only lines it does not know. */
  public boolean onlyUnknownProducts() {
    return lines.isEmpty() && handwrittenLines.isEmpty();
  }

  /**
   * One prescribed line: what was asked, and once recorded what the base accepted; {@code box} the
   * lot, expiry and serial of the box delivered, when it was scanned (else {@link Box#NONE}).
   */
  public record Line(
      String lineId,
      int quantity,
      Optional<Product> deliveredProduct,
      Optional<NotDeliveredReason> notDeliveredReason,
      Optional<Accepted> accepted,
      Box box) {

    public Line(
        String lineId,
        int quantity,
        Optional<Product> deliveredProduct,
        Optional<NotDeliveredReason> notDeliveredReason,
        Optional<Accepted> accepted) {
      this(lineId, quantity, deliveredProduct, notDeliveredReason, accepted, Box.NONE);
    }

    /** The same line with what the base accepted. */
    public Line accepted(Optional<Accepted> accepted) {
      return new Line(lineId, quantity, deliveredProduct, notDeliveredReason, accepted, box);
    }
  }

  /** What the box's GS1 DataMatrix said (AI 10 lot, AI 17 expiry, AI 21 serial), each optional. */
  public record Box(Optional<String> lot, Optional<LocalDate> expiry, Optional<String> serial) {
    public static final Box NONE = new Box(Optional.empty(), Optional.empty(), Optional.empty());

    public boolean isEmpty() {
      return lot.isEmpty() && expiry.isEmpty() && serial.isEmpty();
    }
  }

  public record Accepted(int quantity, String completenessCode, int remainingQuantity) {}

  /** "Mention manuscrite" delivered. */
  public record HandwrittenLine(String cip13, String label, int quantity) {}

  /** Why the base refused it, as a problem of the catalogue. */
  public record Refusal(ProblemType type, String detail, Optional<String> lineId) {}

  /**
   * Who calls the base for this dispensation: its own pharmacy and pharmacist, even on a resend.
   */
  public CallerContext caller() {
    return new CallerContext(pharmacyFiness, pharmacyName, rpps, pharmacistName);
  }
}
