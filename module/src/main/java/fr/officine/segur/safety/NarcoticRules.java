package fr.officine.segur.safety;

import static fr.officine.segur.api.safety.LineAlertKind.NARCOTIC_FRACTION;
import static fr.officine.segur.api.safety.LineAlertKind.NARCOTIC_LATE_PRESENTATION;

import fr.officine.segur.api.prescription.DpView;
import fr.officine.segur.api.safety.LineAlertKind;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.text.FrenchWords;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a pharmacist is held to when delivering a narcotic (stupéfiant), from the Code de la
 * santé publique (partie réglementaire, livre I, titre III, chapitre II, section 2 « substances et
 * préparations vénéneuses », sous-section stupéfiants; Légifrance):
 *
 * <ul>
 *   <li>R.5132-5: a narcotic is prescribed on a secure prescription (ordonnance sécurisée);
 *       R.5132-29: units per intake, intakes and dosage written out — checked by the pharmacist on
 *       the paper (see {@link LineSafety});
 *   <li>R.5132-30: at most 28 days of treatment; a fractionated delivery, the prescriber writing
 *       the treatment duration of each fraction: the pharmacist delivers one fraction at a time;
 *   <li>R.5132-33: the prescription is executed in full (or for the whole fraction) only when
 *       presented within 3 days of its date (or of the end of the previous fraction), the day of
 *       the prescription not counted (dated the 1st: in full until the 4th; on the 5th, 4 days of
 *       treatment removed); later, only for the treatment (or fraction) period still to run («
 *       délai de carence »). Same article: no new prescription is executed during a period already
 *       covered by a previous one, unless the prescriber says so by an express mention on it
 *       (chevauchement).
 * </ul>
 *
 * Sources: the CSP's text as reproduced by codes-et-lois.fr (R.5132-29, R.5132-30) and Le Moniteur
 * des pharmacies, « Le jour de la prescription doit-il être pris en compte dans les 3 jours… »
 * (lemoniteurdespharmacies.fr/?p=93529, R.5132-33 and the counting example).
 *
 * <p>Quantities are whole boxes (a box of narcotics is not split at the counter here): a period is
 * covered by the smallest number of boxes reaching its last day, at the prescribed daily rate
 * (boxes × treatment days ÷ prescribed boxes). Pure functions: the clock is the caller's.
 */
public final class NarcoticRules {
  /** R.5132-33: presented within 3 days of its date (or of the end of the previous fraction). */
  static final int PRESENTATION_DAYS = 3;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** At most {@code maxBoxes} may be delivered now on the line, because of {@code kind}. */
  public record Limit(int maxBoxes, LineAlertKind kind, String message) {}

  /**
   * A previous delivery of the same narcotic still covers the treatment until {@code coveredUntil}
   * (included).
   */
  public record Overlap(LocalDate coveredUntil, String message) {}

  private NarcoticRules() {}

  /** The fraction (R.5132-30) and presentation (R.5132-33) limits of a narcotic line, if any. */
  public static Optional<Limit> limit(
      Prescription.Line line, LocalDate prescribedOn, LocalDate today) {
    if (!line.narcotic()
        || line.treatmentDays() == null
        || line.treatmentDays() < 1
        || line.remainingQuantity() <= 0) {
      return Optional.empty();
    }
    int treatment = line.treatmentDays();
    int total = Math.max(1, line.totalQuantity());
    int delivered = line.deliveredQuantity();
    LocalDate periodStart = prescribedOn;
    int periodDays = treatment;
    int allowance = line.remainingQuantity();
    Optional<Limit> fractionLimit = Optional.empty();
    Integer fraction = line.fractionDays();
    boolean fractionated = fraction != null && fraction > 0 && fraction < treatment;
    if (fractionated) {
      int perFraction = Math.max(1, ceilDiv((long) total * fraction, treatment));
      int done = delivered / perFraction;
      int fractions = ceilDiv(treatment, fraction);
      periodStart = prescribedOn.plusDays((long) done * fraction);
      periodDays = Math.min(fraction, treatment - done * fraction);
      allowance = Math.min(allowance, perFraction - delivered % perFraction);
      String which = "fraction " + (done + 1) + " sur " + fractions;
      if (today.isBefore(periodStart)) {
        return Optional.of(
            new Limit(
                0,
                NARCOTIC_FRACTION,
                "Par périodes de "
                    + fraction
                    + " jours (R.5132-30) : la "
                    + which
                    + " se délivre à partir du "
                    + DAY.format(periodStart)
                    + ", la précédente couvre le traitement jusque-là."));
      }
      fractionLimit =
          Optional.of(
              new Limit(
                  allowance,
                  NARCOTIC_FRACTION,
                  "Par périodes de "
                      + fraction
                      + " jours (R.5132-30) : "
                      + FrenchWords.boxes(allowance)
                      + " maintenant ("
                      + which
                      + ")."));
    }
    long elapsed = ChronoUnit.DAYS.between(periodStart, today);
    if (elapsed > PRESENTATION_DAYS) {
      long left = periodDays - elapsed;
      int late = left <= 0 ? 0 : Math.min(allowance, ceilDiv((long) total * left, treatment));
      if (late < allowance) {
        String since =
            fractionated && periodStart.isAfter(prescribedOn)
                ? "après la fin de la fraction précédente"
                : "après sa rédaction";
        return Optional.of(
            new Limit(
                late,
                NARCOTIC_LATE_PRESENTATION,
                "Présentée "
                    + elapsed
                    + " jours "
                    + since
                    + " (plus de 3 jours, R.5132-33) : "
                    + (late == 0
                        ? "la durée de traitement est écoulée, rien ne peut être délivré."
                        : "délivrable seulement pour les "
                            + FrenchWords.count((int) left, "jour", "jours")
                            + " de traitement restant à courir, soit "
                            + FrenchWords.boxes(late)
                            + ".")));
      }
    }
    return fractionLimit;
  }

  /**
   * R.5132-33: the latest delivery of the same narcotic (same CIP13, or same ATC code when known)
   * for another prescription that still covers today, from the DP's history of every pharmacy. Its
   * coverage is its boxes at this line's daily rate (the DP does not carry the posology).
   */
  public static Optional<Overlap> overlap(
      Prescription.Line line,
      List<DpView.Dispensation> history,
      Set<String> ownExecutionIds,
      Optional<String> lineAtc,
      LocalDate today,
      ZoneId zone) {
    if (!line.narcotic()
        || line.treatmentDays() == null
        || line.treatmentDays() < 1
        || line.product().code() == null) {
      return Optional.empty();
    }
    int total = Math.max(1, line.totalQuantity());
    Optional<Overlap> latest = Optional.empty();
    for (DpView.Dispensation d : history) {
      if (d.dispensationId() != null && ownExecutionIds.contains(d.dispensationId())) {
        continue; // this prescription's own deliveries: the fraction rule deals with them
      }
      boolean same =
          line.product().code().equals(d.cip13())
              || (lineAtc.isPresent() && lineAtc.get().equals(d.atc()));
      if (!same || d.deliveredAt() == null) {
        continue;
      }
      LocalDate day = d.deliveredAt().atZoneSameInstant(zone).toLocalDate();
      // the last day its boxes cover (the delivery day is the first)
      LocalDate until =
          day.plusDays(ceilDiv((long) d.quantity() * line.treatmentDays(), total) - 1L);
      if (!until.isBefore(today)
          && (latest.isEmpty() || until.isAfter(latest.get().coveredUntil()))) {
        latest =
            Optional.of(
                new Overlap(
                    until,
                    "R.5132-33 : "
                        + FrenchWords.boxesOf(d.quantity(), d.label())
                        + " "
                        + (d.quantity() >= 2 ? "délivrées" : "délivrée")
                        + " le "
                        + DAY.format(day)
                        + " par "
                        + (d.pharmacyName() == null ? "une pharmacie" : d.pharmacyName())
                        + " pour une autre ordonnance couvre le traitement jusqu'au "
                        + DAY.format(until)
                        + " inclus"
                        + ". Ne délivrez que sur mention expresse du prescripteur sur l'ordonnance."));
      }
    }
    return latest;
  }

  static int ceilDiv(long a, long b) {
    return (int) Math.max(0, (a + b - 1) / b);
  }
}
