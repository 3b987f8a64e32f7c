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
  public static PrescriptionView view(Prescription p, String actingFiness, DmpStatusView dmp, DpView dp) {
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
                    new LineView(
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
                        l.executions().stream()
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
                                        e.deliveredProduct() == null
                                            ? null
                                            : product(e.deliveredProduct()),
                                        e.notDeliveredReason()))
                            .toList()))
            .toList(),
        dmp,
        dp);
  }

  public static ProductView product(Product p) {
    return new ProductView(
        p.code(),
        p.codeSystem() == null && p.code() != null ? SoapTranslation.CIP13_SYSTEM : p.codeSystem(),
        p.label());
  }
}
