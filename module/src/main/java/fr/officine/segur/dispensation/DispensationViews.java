package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DeliveredProduct;
import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.api.dispensation.DispensedLineView;
import fr.officine.segur.api.dispensation.HandwrittenLineRequest;
import fr.officine.segur.api.dispensation.SendView;
import java.util.List;
import java.util.Map;

/** A stored dispensation as the API shows it. */
public final class DispensationViews {
  /** The only outgoing send of issue 2; DMP and DP come with their own features. */
  static final String EPRESCRIPTION = "EPRESCRIPTION";

  private DispensationViews() {}

  public static DispensationView view(Dispensation d) {
    return new DispensationView(
        d.id().toString(),
        d.prescriptionNumber().value(),
        d.status().name(),
        d.createdAt(),
        d.pharmacyFiness(),
        d.pharmacistName(),
        d.lines().stream()
            .map(
                l ->
                    new DispensedLineView(
                        l.lineId(),
                        l.accepted().map(Dispensation.Accepted::quantity).orElse(l.quantity()),
                        l.deliveredProduct()
                            .map(p -> new DeliveredProduct(p.code(), p.label()))
                            .orElse(null),
                        l.notDeliveredReason().map(Enum::name).orElse(null),
                        l.accepted().map(Dispensation.Accepted::completenessCode).orElse(null),
                        // the api field is an int: -1 says "not known yet" (answer pending)
                        l.accepted().map(Dispensation.Accepted::remainingQuantity).orElse(-1)))
            .toList(),
        d.handwrittenLines().stream()
            .map(h -> new HandwrittenLineRequest(h.cip13(), h.label(), h.quantity()))
            .toList(),
        d.prescriptionStatus().orElse(null),
        List.of(eprescriptionSend(d)),
        Map.of());
  }

  static SendView eprescriptionSend(Dispensation d) {
    String state =
        switch (d.status()) {
          case SUBMITTING -> "PENDING";
          case RECORDED -> "SENT";
          case REFUSED -> "REFUSED";
        };
    String reason = d.refusal().map(r -> r.type().name() + " : " + r.detail()).orElse(null);
    return new SendView(EPRESCRIPTION, state, reason, d.attempts(), d.lastAttemptAt().orElse(null));
  }
}
