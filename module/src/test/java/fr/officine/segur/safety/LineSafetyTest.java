package fr.officine.segur.safety;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.prescription.DpView;
import fr.officine.segur.api.prescription.LineAlertView;
import fr.officine.segur.api.safety.LineAlertKind;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.prescription.Prescription.Execution;
import fr.officine.segur.prescription.Prescription.Line;
import fr.officine.segur.prescription.Prescription.Product;
import fr.officine.segur.prescription.PrescriptionStatus;
import fr.officine.segur.text.FrenchWords;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The safety signals of a line (issue 10 §3) and the narcotic rules of the Code de la santé
 * publique (R.5132-5, -29, -30, -33), each test named after the rule it proves.
 */
class LineSafetyTest {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
  static final String SKENAN = "3400934661211";
  static final String KARDEGIC = "3400933216146";

  static Line skenan(
      int boxes,
      int delivered,
      Integer treatmentDays,
      Integer fractionDays,
      List<Execution> executions) {
    return new Line(
        "L1",
        new Product(SKENAN, null, "SKENAN LP 30 mg gél B/14"),
        "1 gélule matin et soir",
        boxes,
        0,
        boxes,
        delivered,
        boxes - delivered,
        boxes - delivered,
        true,
        true,
        false,
        executions,
        treatmentDays,
        fractionDays);
  }

  static Line kardegic() {
    return new Line(
        "L2",
        new Product(KARDEGIC, null, "KARDEGIC 75 mg"),
        null,
        1,
        2,
        3,
        0,
        3,
        1,
        true,
        false,
        false,
        List.of(),
        null,
        null);
  }

  static Prescription rx(LocalDate on, Line... lines) {
    return new Prescription(
        PrescriptionNumber.of("SBX05STUPEFIANT000"),
        PrescriptionStatus.OPEN,
        on,
        on.plusMonths(3),
        null,
        new Prescription.Patient(null, null, "CORSE", "ANTHONY", LocalDate.of(1980, 3, 2), "M"),
        List.of(lines));
  }

  static DpView dp(
      List<DpView.Dispensation> history,
      List<DpView.Alert> alerts,
      List<DpView.Interaction> interactions) {
    return new DpView("ACTIVE", "DP actif", true, history, alerts, interactions);
  }

  static List<String> kinds(List<LineAlertView> alerts) {
    return alerts.stream().map(LineAlertView::kind).toList();
  }

  @Test
  void a_lot_recall_of_the_prescribed_product_is_on_its_line_and_blocks_until_acknowledged() {
    DpView.Alert recall =
        new DpView.Alert(
            "RECALL",
            "Rappel de lot (DP-Rappels)",
            KARDEGIC,
            "KARDEGIC",
            "K75-2409",
            TODAY.minusDays(5),
            "Rappel du lot K75-2409 : ne plus délivrer.");
    Map<String, LineSafety.Signals> s =
        LineSafety.of(
            rx(TODAY.minusDays(3), kardegic()),
            dp(List.of(), List.of(recall), List.of()),
            TODAY,
            PARIS);
    LineAlertView alert = s.get("L2").alerts().get(0);
    assertThat(alert.kind()).isEqualTo("LOT_RECALL");
    assertThat(alert.acknowledgementRequired()).isTrue();
    assertThat(alert.message()).contains("K75-2409");
    assertThat(s.get("L2").requires(LineAlertKind.LOT_RECALL)).isTrue();
  }

  @Test
  void a_delivery_of_this_same_prescription_is_not_flagged_as_already_delivered_elsewhere() {
    Execution own =
        new Execution(
            "disp-1",
            "690100011",
            "Pharmacie du Marché",
            null,
            OffsetDateTime.now(),
            1,
            "FFP",
            null,
            null);
    Line line =
        new Line(
            "L2",
            new Product(KARDEGIC, null, "KARDEGIC 75 mg"),
            null,
            2,
            0,
            2,
            1,
            1,
            1,
            true,
            false,
            false,
            List.of(own),
            null,
            null);
    DpView.Interaction sameRx =
        new DpView.Interaction(
            "L2",
            "SAME_PRODUCT",
            KARDEGIC,
            KARDEGIC,
            "KARDEGIC",
            null,
            OffsetDateTime.now(),
            "Pharmacie du Marché",
            "Même produit déjà délivré",
            "disp-1");
    DpView.Interaction other =
        new DpView.Interaction(
            "L2",
            "SAME_PRODUCT",
            KARDEGIC,
            KARDEGIC,
            "KARDEGIC",
            null,
            OffsetDateTime.now(),
            "Pharmacie des Arcades",
            "Même produit déjà délivré ailleurs",
            "disp-other");
    assertThat(
            kinds(
                LineSafety.of(
                        rx(TODAY, line), dp(List.of(), List.of(), List.of(sameRx)), TODAY, PARIS)
                    .get("L2")
                    .alerts()))
        .isEmpty();
    assertThat(
            kinds(
                LineSafety.of(
                        rx(TODAY, line), dp(List.of(), List.of(), List.of(other)), TODAY, PARIS)
                    .get("L2")
                    .alerts()))
        .containsExactly("SAME_PRODUCT");
  }

  @Test
  void a_narcotic_needs_the_secure_prescription_checked_R5132_5() {
    LineSafety.Signals s =
        LineSafety.of(rx(TODAY.minusDays(1), skenan(1, 0, 7, null, List.of())), null, TODAY, PARIS)
            .get("L1");
    assertThat(s.requires(LineAlertKind.SECURE_PRESCRIPTION)).isTrue();
    assertThat(s.deliverableNow()).isEqualTo(1);
  }

  @Test
  void a_fractionated_narcotic_is_delivered_one_fraction_at_a_time_R5132_30() {
    // 28 days, fractions of 7 days, 4 boxes: 1 box per fraction
    LineSafety.Signals first =
        LineSafety.of(rx(TODAY.minusDays(1), skenan(4, 0, 28, 7, List.of())), null, TODAY, PARIS)
            .get("L1");
    assertThat(first.deliverableNow()).isEqualTo(1);
    assertThat(first.limit().orElseThrow().kind()).isEqualTo(LineAlertKind.NARCOTIC_FRACTION);
    assertThat(first.limit().get().message()).contains("fraction 1 sur 4");
    // the first fraction delivered: the second one waits for its day (prescribed + 7 days)
    LineSafety.Signals next =
        LineSafety.of(rx(TODAY.minusDays(1), skenan(4, 1, 28, 7, List.of())), null, TODAY, PARIS)
            .get("L1");
    assertThat(next.deliverableNow()).isZero();
    assertThat(next.limit().get().message()).contains("fraction 2 sur 4").contains("08/12/2026");
    // on that day it is deliverable
    LineSafety.Signals due =
        LineSafety.of(rx(TODAY.minusDays(7), skenan(4, 1, 28, 7, List.of())), null, TODAY, PARIS)
            .get("L1");
    assertThat(due.deliverableNow()).isEqualTo(1);
  }

  @Test
  void
      a_narcotic_presented_more_than_3_days_after_it_was_written_covers_only_the_days_left_R5132_33() {
    // 14 days, 2 boxes, written 10 days ago: 4 days left = 1 box (rounded up to a whole box)
    LineSafety.Signals late =
        LineSafety.of(
                rx(TODAY.minusDays(10), skenan(2, 0, 14, null, List.of())), null, TODAY, PARIS)
            .get("L1");
    assertThat(late.deliverableNow()).isEqualTo(1);
    assertThat(late.limit().orElseThrow().kind())
        .isEqualTo(LineAlertKind.NARCOTIC_LATE_PRESENTATION);
    assertThat(late.limit().get().message()).contains("10 jours").contains("4 jours");
    // within 3 days: the whole prescription
    LineSafety.Signals inTime =
        LineSafety.of(rx(TODAY.minusDays(3), skenan(2, 0, 14, null, List.of())), null, TODAY, PARIS)
            .get("L1");
    assertThat(inTime.deliverableNow()).isEqualTo(2);
    assertThat(inTime.limit()).isEmpty();
    // the treatment period over: nothing
    assertThat(
            LineSafety.of(
                    rx(TODAY.minusDays(20), skenan(2, 0, 14, null, List.of())), null, TODAY, PARIS)
                .get("L1")
                .deliverableNow())
        .isZero();
  }

  @Test
  void
      a_previous_delivery_of_the_same_narcotic_still_covering_the_period_is_an_overlap_to_acknowledge_R5132_33() {
    DpView.Dispensation before =
        new DpView.Dispensation(
            TODAY.minusDays(3).atStartOfDay().atOffset(ZoneOffset.ofHours(1)).plusHours(10),
            "690100029",
            "Pharmacie des Arcades",
            true,
            SKENAN,
            "SKENAN LP 30 mg gél B/14",
            "N02AA01",
            1,
            null,
            "SEED-DP-5");
    LineSafety.Signals s =
        LineSafety.of(
                rx(TODAY.minusDays(1), skenan(2, 0, 14, null, List.of())),
                dp(List.of(before), List.of(), List.of()),
                TODAY,
                PARIS)
            .get("L1");
    assertThat(s.requires(LineAlertKind.NARCOTIC_OVERLAP)).isTrue();
    assertThat(
            s.alerts().stream()
                .filter(a -> a.kind().equals("NARCOTIC_OVERLAP"))
                .findFirst()
                .orElseThrow()
                .message())
        .contains("1 boîte de SKENAN")
        .contains("délivrée le 29/11/2026")
        .contains("jusqu'au 05/12/2026 inclus");
    // delivered long enough ago: no overlap
    DpView.Dispensation old =
        new DpView.Dispensation(
            TODAY.minusDays(10).atStartOfDay().atOffset(ZoneOffset.ofHours(1)),
            "690100029",
            "Pharmacie des Arcades",
            true,
            SKENAN,
            "SKENAN LP 30 mg gél B/14",
            "N02AA01",
            1,
            null,
            "SEED-DP-6");
    assertThat(
            LineSafety.of(
                    rx(TODAY.minusDays(1), skenan(2, 0, 14, null, List.of())),
                    dp(List.of(old), List.of(), List.of()),
                    TODAY,
                    PARIS)
                .get("L1")
                .requires(LineAlertKind.NARCOTIC_OVERLAP))
        .isFalse();
  }

  @Test
  void french_plurals_and_elisions() {
    assertThat(FrenchWords.boxesOf(1, "AMOXICILLINE 1 g")).isEqualTo("1 boîte d'AMOXICILLINE 1 g");
    assertThat(FrenchWords.boxesOf(2, "DOLIPRANE")).isEqualTo("2 boîtes de DOLIPRANE");
    assertThat(FrenchWords.boxesOf(0, "ÉFFERALGAN")).isEqualTo("0 boîte d'ÉFFERALGAN");
    assertThat(FrenchWords.count(3, "produit délivré", "produits délivrés"))
        .isEqualTo("3 produits délivrés");
  }
}
