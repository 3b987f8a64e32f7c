package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DeliveredProduct;
import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.api.dispensation.DispensedLineView;
import fr.officine.segur.api.dispensation.HandwrittenLineRequest;
import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.dispensation.SendView;
import fr.officine.segur.api.dispensation.UnknownProductDeliveryView;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A stored dispensation as the API shows it. */
public final class DispensationViews {
  /** The only outgoing send of issue 2; DMP and DP come with their own features. */
  static final String EPRESCRIPTION = "EPRESCRIPTION";

  private DispensationViews() {}

  public static DispensationView view(Dispensation d) {
    return view(d, List.of(), false);
  }

  /**
   * @param feedSends the sends after the base (DMP...), from the outbox
   * @param hasDocument whether the dispensation document was stored (links to its PDF and CDA)
   */
  public static DispensationView view(
      Dispensation d, List<SendView> feedSends, boolean hasDocument) {
    List<SendView> sends = new java.util.ArrayList<>();
    sends.add(eprescriptionSend(d));
    sends.addAll(feedSends);
    String self = "/api/v1/dispensations/" + d.id();
    Map<String, String> links =
        hasDocument
            ? Map.of("document.pdf", self + "/document.pdf", "document.xml", self + "/document.xml")
            : Map.of();
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
                        l.accepted().map(Dispensation.Accepted::remainingQuantity).orElse(-1),
                        l.box().lot().orElse(null),
                        l.box().expiry().map(LocalDate::toString).orElse(null),
                        l.box().serial().orElse(null)))
            .toList(),
        d.handwrittenLines().stream()
            .map(h -> new HandwrittenLineRequest(h.cip13(), h.label(), h.quantity()))
            .toList(),
        d.prescriptionStatus().orElse(null),
        List.copyOf(sends),
        links,
        List.of(),
        d.settlement().map(Dispensation.Settlement::at).orElse(null),
        d.settlement().map(Dispensation.Settlement::by).orElse(null));
  }

  /** Its recorded lines unknown to the base (kept for reconciliation). */
  public static DispensationView withUnknownProducts(
      DispensationView v, List<UnknownProductDeliveryView> unknown) {
    return new DispensationView(
        v.dispensationId(),
        v.prescriptionNumber(),
        v.status(),
        v.recordedAt(),
        v.pharmacyFiness(),
        v.pharmacistName(),
        v.lines(),
        v.handwrittenLines(),
        v.prescriptionStatus(),
        v.sends(),
        v.links(),
        List.copyOf(unknown),
        v.settledAt(),
        v.settledBy());
  }

  static SendView eprescriptionSend(Dispensation d) {
    if (d.onlyUnknownProducts() && d.status() == DispensationStatus.RECORDED) {
      return new SendView(
          EPRESCRIPTION,
          "NOT_APPLICABLE",
          SendReason.UNKNOWN_PRODUCTS_ONLY.text(),
          d.attempts(),
          d.lastAttemptAt().orElse(null),
          SendReason.UNKNOWN_PRODUCTS_ONLY.name());
    }
    String state =
        switch (d.status()) {
          case SUBMITTING -> "PENDING";
          case RECORDED -> "SENT";
          case REFUSED -> "REFUSED";
          // the base's own words for the two ways of not knowing (issue 10 §1)
          case NOT_RECORDED -> "NOT_RECORDED";
          case IN_DOUBT -> "IN_DOUBT";
        };
    String reason =
        d.status() == DispensationStatus.REFUSED
            ? d.refusal().map(r -> r.type().name() + " : " + r.detail()).orElse(null)
            : d.refusal()
                .filter(r -> d.status() != DispensationStatus.RECORDED)
                .map(Dispensation.Refusal::detail)
                .orElse(null);
    SendReason code =
        reason == null
            ? null
            : d.status() == DispensationStatus.REFUSED
                ? SendReason.BASE_REFUSED
                : SendReason.BASE_NO_ANSWER;
    return new SendView(
        EPRESCRIPTION,
        state,
        reason,
        d.attempts(),
        d.lastAttemptAt().orElse(null),
        code == null ? null : code.name());
  }
}
