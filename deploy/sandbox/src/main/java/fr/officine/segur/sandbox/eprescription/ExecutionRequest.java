package fr.officine.segur.sandbox.eprescription;

import java.time.OffsetDateTime;
import java.util.List;

/** transmettreExecutionEPrescription, translated from the wire. */
public record ExecutionRequest(
    String executionId,
    String number,
    OffsetDateTime executedAt,
    List<ExecutedLine> lines,
    List<HandwrittenLine> handwritten) {

  public ExecutionRequest {
    lines = List.copyOf(lines);
    handwritten = List.copyOf(handwritten);
  }

  /** One prescribed line acted upon; quantity 0 with a reason = not delivered. */
  public record ExecutedLine(
      String lineId, int quantity, Product deliveredProduct, String notDeliveredReason) {}

  /** A line added by hand by the prescriber ("mention manuscrite"), delivered by this execution. */
  public record HandwrittenLine(Product product, int quantity) {}
}
