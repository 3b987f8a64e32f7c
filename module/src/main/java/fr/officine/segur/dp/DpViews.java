package fr.officine.segur.dp;

import fr.officine.segur.api.prescription.DpView;
import fr.officine.segur.dp.DossierPharmaceutique.Consultation;
import fr.officine.segur.dp.DossierPharmaceutique.Delivered;
import fr.officine.segur.text.FrenchWords;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the counter shows of the DP: the states with their French labels, the history, the alerts,
 * and the interaction rule: a prescribed product (same CIP13) or molecule (same ATC code) delivered
 * by ANOTHER pharmacy within the window is flagged, so the pharmacist asks before delivering again.
 * Deliveries by the acting pharmacy are not flagged: its own records already show them.
 */
public final class DpViews {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

  /** A prescribed line as the rule needs it. */
  public record PrescribedLine(String lineId, String cip13, String label) {}

  private DpViews() {}

  public static DpView active(
      Consultation c,
      List<PrescribedLine> lines,
      String actingFiness,
      OffsetDateTime now,
      Duration window) {
    List<DpView.Dispensation> history =
        c.history().stream()
            .map(
                d ->
                    new DpView.Dispensation(
                        d.deliveredAt(),
                        d.pharmacyFiness(),
                        d.pharmacyName(),
                        !d.pharmacyFiness().equals(actingFiness),
                        d.cip13(),
                        d.label(),
                        d.atc().orElse(null),
                        d.quantity(),
                        d.lot().orElse(null),
                        d.dispensationId()))
            .toList();
    List<DpView.Alert> alerts =
        c.alerts().stream()
            .map(
                a ->
                    new DpView.Alert(
                        "RAPPEL".equals(a.type()) ? "RECALL" : "SHORTAGE",
                        "RAPPEL".equals(a.type())
                            ? "Rappel de lot (DP-Rappels)"
                            : "Rupture (DP-Ruptures)",
                        a.cip13(),
                        a.label(),
                        a.lot().orElse(null),
                        a.since(),
                        a.message()))
            .toList();
    String label =
        history.isEmpty()
            ? "DP actif : aucune dispensation ces derniers mois"
            : "DP actif : "
                + FrenchWords.count(history.size(), "produit délivré", "produits délivrés")
                + " ces derniers mois";
    return new DpView(
        "ACTIVE", label, true, history, alerts, interactions(c, lines, actingFiness, now, window));
  }

  /** The interaction rule (see the class comment). */
  public static List<DpView.Interaction> interactions(
      Consultation c,
      List<PrescribedLine> lines,
      String actingFiness,
      OffsetDateTime now,
      Duration window) {
    OffsetDateTime since = now.minus(window);
    List<DpView.Interaction> out = new ArrayList<>();
    for (PrescribedLine line : lines) {
      if (line.cip13() == null) {
        continue;
      }
      Optional<String> atc = Optional.ofNullable(c.atcByCip13().get(line.cip13()));
      for (Delivered d : c.history()) {
        if (d.pharmacyFiness().equals(actingFiness) || d.deliveredAt().isBefore(since)) {
          continue;
        }
        String when = DAY.format(d.deliveredAt().atZoneSameInstant(FRANCE));
        if (d.cip13().equals(line.cip13())) {
          out.add(
              new DpView.Interaction(
                  line.lineId(),
                  "SAME_PRODUCT",
                  line.cip13(),
                  d.cip13(),
                  d.label(),
                  d.atc().orElse(null),
                  d.deliveredAt(),
                  d.pharmacyName(),
                  "Même produit déjà délivré le "
                      + when
                      + " par "
                      + d.pharmacyName()
                      + " ("
                      + FrenchWords.boxesOf(d.quantity(), d.label())
                      + ") : vérifier avec le patient avant de délivrer.",
                  d.dispensationId()));
        } else if (atc.isPresent() && d.atc().equals(atc)) {
          out.add(
              new DpView.Interaction(
                  line.lineId(),
                  "SAME_MOLECULE",
                  line.cip13(),
                  d.cip13(),
                  d.label(),
                  atc.get(),
                  d.deliveredAt(),
                  d.pharmacyName(),
                  "Même molécule (ATC "
                      + atc.get()
                      + ") délivrée le "
                      + when
                      + " par "
                      + d.pharmacyName()
                      + " : "
                      + d.label()
                      + ". Risque de doublon avec "
                      + line.label()
                      + ".",
                  d.dispensationId()));
        }
      }
    }
    return out;
  }

  /** What a refusal of the consultation means at the counter (the DP's code). */
  public static DpView refused(String code) {
    return switch (code) {
      case "DP_INEXISTANT" -> empty("NONE", "Le patient n'a pas de Dossier Pharmaceutique", false);
      case "DP_FERME" -> empty("CLOSED", "Dossier Pharmaceutique fermé", false);
      case "DP_REFUS_ACCES" ->
          empty("ACCESS_REFUSED", "Le patient refuse l'accès à son Dossier Pharmaceutique", false);
      case "DP_PATIENT_INCONNU" ->
          empty("UNKNOWN_PATIENT", "Patient inconnu du Dossier Pharmaceutique", false);
      default -> unavailable();
    };
  }

  public static DpView unavailable() {
    return empty("UNAVAILABLE", "Dossier Pharmaceutique indisponible pour le moment", false);
  }

  public static DpView noIns() {
    return empty("NO_INS", "Identité non qualifiée (pas d'INS) : DP non consultable", false);
  }

  private static DpView empty(String state, String label, boolean canFeed) {
    return new DpView(state, label, canFeed, List.of(), List.of(), List.of());
  }
}
