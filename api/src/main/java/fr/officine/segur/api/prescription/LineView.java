package fr.officine.segur.api.prescription;

import java.util.List;

/**
 * One prescribed line. Quantities are in boxes: {@code prescribedQuantity} per dispensing period,
 * {@code totalQuantity} = prescribed × (1 + renewals); {@code deliverableNow} is what one
 * dispensation may still deliver (the rest of the current period).
 *
 * <p>{@code flags}: {@code UNKNOWN_PRODUCT} ("produit inconnu de la base") when the base does not
 * know the product (e.g. an LPP device): no execution can be recorded on it, the line is delivered
 * as an {@code unknownProductLines} item of a dispensation and kept for reconciliation. For such a
 * line the quantities and deliveries are this module's own records (the base has none).
 *
 * <p>{@code treatmentDays} / {@code fractionDays}: a narcotic's treatment duration and the fraction
 * ordered (null when not given). {@code alerts}: the safety signals of this line (DP alerts and
 * flags, narcotic rules); {@code deliverableNow} already respects the narcotic rules.
 */
public record LineView(
    String lineId,
    ProductView product,
    String dosage,
    int prescribedQuantity,
    int renewals,
    int totalQuantity,
    int deliveredQuantity,
    int remainingQuantity,
    int deliverableNow,
    boolean substitutable,
    boolean narcotic,
    boolean handwritten,
    List<DeliveryView> deliveries,
    List<String> flags,
    Integer treatmentDays,
    Integer fractionDays,
    List<LineAlertView> alerts) {

  public static final String UNKNOWN_PRODUCT = "UNKNOWN_PRODUCT";

  /** The same line with its safety signals and what may be delivered now under them. */
  public LineView withSafety(int deliverable, List<LineAlertView> lineAlerts) {
    return new LineView(
        lineId,
        product,
        dosage,
        prescribedQuantity,
        renewals,
        totalQuantity,
        deliveredQuantity,
        remainingQuantity,
        deliverable,
        substitutable,
        narcotic,
        handwritten,
        deliveries,
        flags,
        treatmentDays,
        fractionDays,
        List.copyOf(lineAlerts));
  }
}
