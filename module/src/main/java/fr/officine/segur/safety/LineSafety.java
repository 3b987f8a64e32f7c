package fr.officine.segur.safety;

import static fr.officine.segur.api.safety.LineAlertKind.LOT_RECALL;
import static fr.officine.segur.api.safety.LineAlertKind.NARCOTIC_OVERLAP;
import static fr.officine.segur.api.safety.LineAlertKind.SAME_MOLECULE;
import static fr.officine.segur.api.safety.LineAlertKind.SAME_PRODUCT;
import static fr.officine.segur.api.safety.LineAlertKind.SECURE_PRESCRIPTION;
import static fr.officine.segur.api.safety.LineAlertKind.SHORTAGE;

import fr.officine.segur.api.prescription.DpView;
import fr.officine.segur.api.prescription.LineAlertView;
import fr.officine.segur.api.prescription.LineView;
import fr.officine.segur.api.prescription.PrescriptionView;
import fr.officine.segur.api.safety.LineAlertKind;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.text.FrenchWords;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The safety signals of each prescribed line, in one place for the screen (the prescription view)
 * and the server's check of a dispensation: the DP's alerts (DP-Rappels, DP-Ruptures) on the line
 * of their product, the DP's "already delivered elsewhere" flags except for deliveries of this very
 * prescription (they are its own history, not a duplicate), and the narcotic rules ({@link
 * NarcoticRules}). Pure: the caller gives the day.
 */
public final class LineSafety {
  static final String RECALL_ACK = "Rappel lu : je ne délivre pas une boîte du lot rappelé";
  static final String SECURE_ACK = "Ordonnance sécurisée papier vérifiée";
  static final String OVERLAP_ACK = "Mention expresse du prescripteur lue sur l'ordonnance";

  /** What may be delivered now on a line and why. */
  public record Signals(
      int deliverableNow, List<LineAlertView> alerts, Optional<NarcoticRules.Limit> limit) {
    public boolean requires(LineAlertKind kind) {
      return alerts.stream()
          .anyMatch(a -> a.kind().equals(kind.name()) && a.acknowledgementRequired());
    }
  }

  private LineSafety() {}

  /** The signals of every line of {@code p}, by line id ({@code dp} may be null: not consulted). */
  public static Map<String, Signals> of(Prescription p, DpView dp, LocalDate today, ZoneId zone) {
    Set<String> own = ownExecutionIds(p);
    Map<String, Signals> out = new LinkedHashMap<>();
    for (Prescription.Line line : p.lines()) {
      List<LineAlertView> alerts = new ArrayList<>();
      String code = line.product() == null ? null : line.product().code();
      if (dp != null && code != null) {
        for (DpView.Alert a : orEmpty(dp.alerts())) {
          if (!code.equals(a.cip13())) {
            continue;
          }
          boolean recall = "RECALL".equals(a.type());
          // the DP's own sentence, with the lot when it does not name it (the label says "Rappel de
          // lot")
          String message =
              a.lot() == null || a.message().contains(a.lot())
                  ? a.message()
                  : "Lot " + a.lot() + " : " + a.message();
          alerts.add(
              recall
                  ? alert(LOT_RECALL, message, RECALL_ACK + (a.lot() == null ? "" : " " + a.lot()))
                  : alert(SHORTAGE, message, null));
        }
        // one flag per kind on the line: the latest delivery (the DP lists newest first), and how
        // many more
        for (LineAlertKind kind : List.of(SAME_PRODUCT, SAME_MOLECULE)) {
          List<DpView.Interaction> found =
              orEmpty(dp.interactions()).stream()
                  .filter(i -> line.lineId().equals(i.lineId()) && kind.name().equals(i.kind()))
                  .filter(i -> i.dispensationId() == null || !own.contains(i.dispensationId()))
                  .toList();
          if (!found.isEmpty()) {
            int more = found.size() - 1;
            alerts.add(
                alert(
                    kind,
                    found.get(0).message()
                        + (more == 0
                            ? ""
                            : " ("
                                + FrenchWords.count(more, "autre délivrance", "autres délivrances")
                                + " récente"
                                + (more >= 2 ? "s" : "")
                                + ")"),
                    null));
          }
        }
      }
      int deliverable = line.deliverableNow();
      Optional<NarcoticRules.Limit> limit = Optional.empty();
      if (line.narcotic()) {
        alerts.add(
            alert(
                SECURE_PRESCRIPTION,
                "Délivrez sur l'ordonnance sécurisée papier (R.5132-5), doses et durée écrites en toutes lettres (R.5132-29).",
                SECURE_ACK));
        limit = NarcoticRules.limit(line, p.prescribedOn(), today);
        if (limit.isPresent()) {
          deliverable = Math.min(deliverable, limit.get().maxBoxes());
          alerts.add(alert(limit.get().kind(), limit.get().message(), null));
        }
        if (dp != null) {
          NarcoticRules.overlap(line, orEmpty(dp.history()), own, atcOf(code, dp), today, zone)
              .ifPresent(
                  o -> {
                    // the overlap says it all: the plain "already delivered elsewhere" flag goes
                    alerts.removeIf(
                        a ->
                            a.kind().equals(SAME_PRODUCT.name())
                                || a.kind().equals(SAME_MOLECULE.name()));
                    alerts.add(alert(NARCOTIC_OVERLAP, o.message(), OVERLAP_ACK));
                  });
        }
      }
      out.put(line.lineId(), new Signals(Math.max(0, deliverable), List.copyOf(alerts), limit));
    }
    return out;
  }

  /**
   * The view with each line's signals, and the DP's flags without this prescription's own
   * deliveries.
   */
  public static PrescriptionView annotate(
      PrescriptionView view, Prescription p, LocalDate today, ZoneId zone) {
    Map<String, Signals> signals = of(p, view.dp(), today, zone);
    Set<String> own = ownExecutionIds(p);
    List<LineView> lines =
        view.lines().stream()
            .map(
                l -> {
                  Signals s = signals.get(l.lineId());
                  if (s == null) {
                    return l;
                  }
                  return l.withSafety(Math.min(l.deliverableNow(), s.deliverableNow()), s.alerts());
                })
            .toList();
    DpView dp = view.dp();
    if (dp != null && dp.interactions() != null) {
      dp =
          new DpView(
              dp.state(),
              dp.label(),
              dp.canFeed(),
              dp.history(),
              dp.alerts(),
              dp.interactions().stream()
                  .filter(i -> i.dispensationId() == null || !own.contains(i.dispensationId()))
                  .toList());
    }
    return new PrescriptionView(
        view.number(),
        view.status(),
        view.prescribedOn(),
        view.firstDeliveryDeadline(),
        view.prescriber(),
        view.patient(),
        lines,
        view.dmp(),
        dp);
  }

  static Set<String> ownExecutionIds(Prescription p) {
    return p.lines().stream()
        .flatMap(l -> l.executions().stream())
        .map(Prescription.Execution::executionId)
        .filter(id -> id != null)
        .collect(Collectors.toSet());
  }

  /** The line product's ATC code, as the DP gave it (its history or its same-molecule flags). */
  private static Optional<String> atcOf(String cip13, DpView dp) {
    return orEmpty(dp.history()).stream()
        .filter(d -> cip13.equals(d.cip13()) && d.atc() != null)
        .map(DpView.Dispensation::atc)
        .findFirst()
        .or(
            () ->
                orEmpty(dp.interactions()).stream()
                    .filter(i -> cip13.equals(i.prescribedCip13()) && i.atc() != null)
                    .map(DpView.Interaction::atc)
                    .findFirst());
  }

  private static LineAlertView alert(LineAlertKind kind, String message, String acknowledgement) {
    return new LineAlertView(
        kind.name(), kind.label(), message, kind.acknowledgement(), acknowledgement);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
