package fr.officine.segur.prescription;

import java.util.List;

/**
 * The base's answer to an execution: what it accepted per line and the prescription afterwards.
 * {@code alreadyRecorded}: this execution id had been recorded before (a resend after a lost
 * answer).
 */
public record ExecutionOutcome(
    String executionId,
    boolean alreadyRecorded,
    List<AcceptedLine> acceptedLines,
    Prescription prescription) {

  public record AcceptedLine(
      String lineId, int quantity, String completenessCode, int remainingQuantity) {}
}
