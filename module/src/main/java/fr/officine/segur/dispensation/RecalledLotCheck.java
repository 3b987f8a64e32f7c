package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.LineRequest;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.dp.RecalledLots;
import fr.officine.segur.prescription.EPrescriptionBase;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.CallerContext;
import java.util.List;

/**
 * A box whose lot the DP recalled (DP-Rappels, "ne plus délivrer") is never delivered, whatever the
 * counter showed: checked against every recall the module learnt. The box's product is the
 * substitute when one is given, else the prescribed product (the base is asked only when a recall
 * names this lot number).
 */
final class RecalledLotCheck {
  private final RecalledLots recalls;
  private final EPrescriptionBase base;

  RecalledLotCheck(RecalledLots recalls, EPrescriptionBase base) {
    this.recalls = recalls;
    this.base = base;
  }

  /** Throws BOX_LOT_RECALLED naming the first line whose box is recalled. */
  void refuse(PrescriptionNumber number, DispensationRequest request, Account actor) {
    Prescription prescription = null;
    for (LineRequest l : DispensationRequests.orEmpty(request.lines())) {
      if (l.lot() == null || l.quantity() == 0) {
        continue;
      }
      List<RecalledLots.Recall> recalled = recalls.find(l.lot());
      if (recalled.isEmpty()) {
        continue;
      }
      String boxCip13;
      if (l.deliveredProduct() != null) {
        boxCip13 = l.deliveredProduct().cip13();
      } else {
        if (prescription == null) {
          prescription = base.consult(number, CallerContext.of(actor));
        }
        boxCip13 = prescribedProduct(prescription, l.lineId());
      }
      for (RecalledLots.Recall r : recalled) {
        if (r.cip13().equals(boxCip13)) {
          throw new ProblemException(
              ProblemType.BOX_LOT_RECALLED,
              "Ligne "
                  + l.lineId()
                  + " : "
                  + (r.message() == null ? "rappel du lot " + r.lot() + "." : r.message()),
              l.lineId(),
              null);
        }
      }
    }
  }

  private static String prescribedProduct(Prescription prescription, String lineId) {
    return prescription.lines().stream()
        .filter(pl -> pl.lineId().equals(lineId))
        .findFirst()
        .map(pl -> pl.product().code())
        .orElse(null);
  }
}
