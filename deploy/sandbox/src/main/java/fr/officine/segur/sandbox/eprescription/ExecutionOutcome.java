package fr.officine.segur.sandbox.eprescription;

import java.util.List;

/** The base's answer to an execution: what it accepted per line, and the prescription after it. */
public record ExecutionOutcome(
    String executionId,
    boolean alreadyRecorded,
    List<AcceptedLine> accepted,
    Prescription prescription) {

  public ExecutionOutcome {
    accepted = List.copyOf(accepted);
  }

  /** {@code completeness} is null for a not-delivered line (quantity 0). */
  public record AcceptedLine(String lineId, int quantity, String completeness, int remaining) {}
}
