package fr.officine.segur.sandbox.eprescription;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A prescription as the base holds it, with every line and every delivery made on it. */
public record Prescription(
    String number,
    LocalDate prescribedOn,
    Prescriber prescriber,
    Patient patient,
    String scenario,
    List<PrescriptionLine> lines) {

  /** A first delivery is accepted up to 3 months after the prescription date (issue 2 §2). */
  public static final int MONTHS_FOR_FIRST_DELIVERY = 3;

  public Prescription {
    lines = List.copyOf(lines);
  }

  public LocalDate firstDeliveryDeadline() {
    return prescribedOn.plusMonths(MONTHS_FOR_FIRST_DELIVERY);
  }

  public Optional<PrescriptionLine> line(String lineId) {
    return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst();
  }

  public Optional<String> scenarioDescription() {
    return Optional.ofNullable(scenario);
  }

  /**
   * CLOTUREE when every prescribed line is fully delivered (handwritten lines are always fully
   * delivered by the execution that recorded them, so they do not count). EXPIREE only while
   * nothing was ever delivered: once a first delivery happened in time, the rest may follow.
   */
  public PrescriptionStatus status(LocalDate today) {
    List<PrescriptionLine> prescribed = lines.stream().filter(l -> !l.handwritten()).toList();
    if (prescribed.stream().allMatch(PrescriptionLine::fullyDelivered)) {
      return PrescriptionStatus.CLOTUREE;
    }
    boolean anyDelivery = lines.stream().anyMatch(PrescriptionLine::anyDelivery);
    if (!anyDelivery) {
      return today.isAfter(firstDeliveryDeadline())
          ? PrescriptionStatus.EXPIREE
          : PrescriptionStatus.OUVERTE;
    }
    return PrescriptionStatus.PARTIELLE;
  }
}
