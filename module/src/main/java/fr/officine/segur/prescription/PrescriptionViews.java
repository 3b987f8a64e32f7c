package fr.officine.segur.prescription;

import fr.officine.segur.api.prescription.DeliveryView;
import fr.officine.segur.api.prescription.DmpStatusView;
import fr.officine.segur.api.prescription.DpView;
import fr.officine.segur.api.prescription.LineView;
import fr.officine.segur.api.prescription.PatientView;
import fr.officine.segur.api.prescription.PrescriberView;
import fr.officine.segur.api.prescription.PrescriptionView;
import fr.officine.segur.api.prescription.ProductView;
import fr.officine.segur.prescription.Prescription.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The module's prescription as the API shows it to one pharmacy. */
public final class PrescriptionViews {
  private PrescriptionViews() {}

  /** {@code ownPharmacy} of each delivery is computed against {@code actingFiness}. */
  public static PrescriptionView view(Prescription p, String actingFiness) {
    return view(p, actingFiness, null);
  }

  /** With the patient's DMP status (TD0.2). */
  public static PrescriptionView view(Prescription p, String actingFiness, DmpStatusView dmp) {
    return view(p, actingFiness, dmp, null);
  }

  /** With the patient's DMP status (TD0.2) and DP (history, alerts, interactions). */
  public static PrescriptionView view(
      Prescription p, String actingFiness, DmpStatusView dmp, DpView dp) {
    return view(p, actingFiness, dmp, dp, Map.of());
  }

  /**
   * With every pharmacy's deliveries of lines unknown to the base ({@code local}, by line id): such
   * a line is flagged UNKNOWN_PRODUCT and its quantities count them, since the base records none.
   */
  public static PrescriptionView view(
      Prescription p,
      String actingFiness,
      DmpStatusView dmp,
      DpView dp,
      Map<String, List<DeliveryOutsideBase>> local) {
    return new PrescriptionView(
        p.number().value(),
        p.status().name(),
        p.prescribedOn(),
        p.firstDeliveryDeadline(),
        new PrescriberView(
            p.prescriber().rpps(),
            p.prescriber().lastName(),
            p.prescriber().firstName(),
            p.prescriber().specialty()),
        new PatientView(
            p.patient().ins(),
            p.patient().insOid(),
            p.patient().birthName(),
            p.patient().firstName(),
            p.patient().birthDate(),
            p.patient().sex()),
        p.lines().stream()
            .map(
                l ->
                    l.product().unknownToBase()
                        ? unknownProductLine(
                            l, actingFiness, local.getOrDefault(l.lineId(), List.of()))
                        : new LineView(
                            l.lineId(),
                            product(l.product()),
                            l.dosage(),
                            l.prescribedQuantity(),
                            l.renewals(),
                            l.totalQuantity(),
                            l.deliveredQuantity(),
                            l.remainingQuantity(),
                            l.deliverableNow(),
                            l.substitutable(),
                            l.narcotic(),
                            l.handwritten(),
                            deliveries(l, actingFiness),
                            List.of(),
                            l.treatmentDays(),
                            l.fractionDays(),
                            List.of()))
            .toList(),
        dmp,
        dp);
  }

  private static List<DeliveryView> deliveries(Prescription.Line l, String actingFiness) {
    return l.executions().stream()
        .map(
            e ->
                new DeliveryView(
                    e.executionId(),
                    e.pharmacyFiness(),
                    e.pharmacyName(),
                    actingFiness.equals(e.pharmacyFiness()),
                    e.date(),
                    e.quantity(),
                    e.completenessCode(),
                    e.deliveredProduct() == null ? null : product(e.deliveredProduct()),
                    e.notDeliveredReason()))
        .toList();
  }

  /**
   * The base counts nothing on such a line: delivered and remaining are the module's records of
   * every pharmacy (each shown like a delivery from the base: pharmacy, date, quantity), with the
   * base's rule for periods (one dispensation never crosses a period).
   */
  static LineView unknownProductLine(
      Prescription.Line l, String actingFiness, List<DeliveryOutsideBase> local) {
    int localQuantity = local.stream().mapToInt(DeliveryOutsideBase::quantity).sum();
    int delivered = l.deliveredQuantity() + localQuantity;
    int remaining = Math.max(0, l.totalQuantity() - delivered);
    int period = Math.max(1, l.prescribedQuantity());
    int deliverableNow = remaining == 0 ? 0 : Math.min(remaining, period - delivered % period);
    List<DeliveryView> deliveries = new ArrayList<>(deliveries(l, actingFiness));
    for (DeliveryOutsideBase u : local) {
      deliveries.add(
          new DeliveryView(
              u.dispensationId(),
              u.pharmacyFiness(),
              u.pharmacyName(),
              actingFiness.equals(u.pharmacyFiness()),
              u.deliveredAt(),
              u.quantity(),
              null,
              null,
              null));
    }
    return new LineView(
        l.lineId(),
        product(l.product()),
        l.dosage(),
        l.prescribedQuantity(),
        l.renewals(),
        l.totalQuantity(),
        delivered,
        remaining,
        deliverableNow,
        l.substitutable(),
        l.narcotic(),
        l.handwritten(),
        List.copyOf(deliveries),
        List.of(LineView.UNKNOWN_PRODUCT),
        l.treatmentDays(),
        l.fractionDays(),
        List.of());
  }

  public static ProductView product(Product p) {
    return new ProductView(
        p.code(),
        p.codeSystem() == null && p.code() != null ? SoapTranslation.CIP13_SYSTEM : p.codeSystem(),
        p.label());
  }
}
