package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.UnknownProductLineRequest;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.prescription.EPrescriptionBase;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.text.FrenchWords;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.CallerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of the lines whose product the e-prescription base does not know (issue 11 §17, issue
 * 14 §4: out of DispensationService): the base refuses them, so this module alone decides what may
 * be delivered of them, against every delivery of them by any pharmacy of this instance. The caller
 * holds the prescription's lock ({@link PrescriptionLocks}) from this check to the insert.
 */
final class UnknownProductPolicy {
  private final EPrescriptionBase base;
  private final Optional<UnknownProductDeliveries> deliveries;

  UnknownProductPolicy(EPrescriptionBase base, Optional<UnknownProductDeliveries> deliveries) {
    this.base = base;
    this.deliveries = deliveries;
  }

  /**
   * The request's lines unknown to the base, checked against the prescription as the base has it
   * now: each must be a line of it whose product the base does not know (UNKNOWN_PRODUCT), and fit
   * in what no pharmacy of this instance has delivered of it yet (the base cannot count these
   * deliveries; the module holds them all). Code and label come from the prescription, not from the
   * request.
   */
  List<Dispensation.UnknownProductLine> lines(
      PrescriptionNumber number, DispensationRequest request, Account actor) {
    List<UnknownProductLineRequest> asked =
        DispensationRequests.orEmpty(request.unknownProductLines());
    if (asked.isEmpty()) {
      return List.of();
    }
    Prescription p = base.consult(number, CallerContext.of(actor));
    Map<String, Integer> before =
        deliveries.map(u -> u.takenByLine(number.value())).orElse(Map.of());
    List<Dispensation.UnknownProductLine> out = new ArrayList<>();
    for (UnknownProductLineRequest u : asked) {
      Prescription.Line line =
          p.lines().stream()
              .filter(l -> l.lineId().equals(u.lineId()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ProblemException(
                          ProblemType.UNKNOWN_LINE,
                          "La ligne "
                              + u.lineId()
                              + " n'existe pas sur l'ordonnance "
                              + number.value()
                              + ".",
                          u.lineId(),
                          null));
      if (!line.product().unknownToBase()) {
        throw new ProblemException(
            ProblemType.MALFORMED_REQUEST,
            "La ligne "
                + u.lineId()
                + " est connue de la base : indiquez-la dans lines[], pas dans unknownProductLines[].",
            u.lineId(),
            null);
      }
      int delivered = before.getOrDefault(u.lineId(), 0);
      int remaining = line.totalQuantity() - delivered;
      if (u.quantity() > remaining) {
        throw new ProblemException(
            ProblemType.OVER_DELIVERY,
            "Ligne "
                + u.lineId()
                + " « "
                + line.product().label()
                + " » : "
                + FrenchWords.count(u.quantity(), "boîte demandée", "boîtes demandées")
                + ", "
                + FrenchWords.count(Math.max(remaining, 0), "restante", "restantes")
                + " (délivrances hors base de toutes les pharmacies comprises).",
            u.lineId(),
            null);
      }
      out.add(
          new Dispensation.UnknownProductLine(
              u.lineId(),
              u.quantity(),
              line.product().code(),
              line.product().codeSystem(),
              line.product().label()));
    }
    return out;
  }
}
