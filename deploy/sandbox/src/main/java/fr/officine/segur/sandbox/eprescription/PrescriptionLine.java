package fr.officine.segur.sandbox.eprescription;

import java.util.List;

/**
 * One line of a prescription. Quantities are in boxes: {@code quantityPerPeriod} is what one
 * dispensation period covers and the line is renewed {@code renewals} times ("à renouveler 2 fois"
 * = 3 periods = 3 separate dispensations at most).
 */
public record PrescriptionLine(
    String lineId,
    int position,
    Product product,
    String posology,
    int quantityPerPeriod,
    int renewals,
    boolean substitutable,
    boolean narcotic,
    boolean handwritten,
    List<Delivery> deliveries,
    Integer treatmentDays,
    Integer fractionDays) {

  public PrescriptionLine {
    deliveries = List.copyOf(deliveries);
  }

  public int totalQuantity() {
    return quantityPerPeriod * (1 + renewals);
  }

  public int deliveredQuantity() {
    return deliveries.stream().mapToInt(Delivery::quantity).sum();
  }

  public int remainingQuantity() {
    return totalQuantity() - deliveredQuantity();
  }

  public boolean fullyDelivered() {
    return remainingQuantity() <= 0;
  }

  /**
   * What one execution may deliver now: the rest of the current period. Since no execution ever
   * crosses a period boundary, the delivered quantity modulo the period gives the current period's
   * progress.
   */
  public int deliverableNow() {
    if (fullyDelivered()) {
      return 0;
    }
    return quantityPerPeriod - deliveredQuantity() % quantityPerPeriod;
  }

  public boolean anyDelivery() {
    return deliveries.stream().anyMatch(d -> d.quantity() > 0);
  }
}
