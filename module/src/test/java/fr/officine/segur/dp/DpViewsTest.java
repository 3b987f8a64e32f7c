package fr.officine.segur.dp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.prescription.DpView;
import fr.officine.segur.dp.DossierPharmaceutique.Alert;
import fr.officine.segur.dp.DossierPharmaceutique.Consultation;
import fr.officine.segur.dp.DossierPharmaceutique.Delivered;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The interaction rule and the DP states at the counter. */
class DpViewsTest {
  static final String MARCHE = "690100011";
  static final String ARCADES = "690100029";
  static final String DOLIPRANE = "3400935955838";
  static final String PARACETAMOL_GENERIC = "3400930000014";
  static final String NUROFEN = "3400937582193";
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-23T10:00:00+01:00");
  static final Duration WEEK = Duration.ofDays(7);

  static Delivered delivered(String finess, String cip13, String atc, int daysAgo) {
    return new Delivered(
        "d" + daysAgo,
        NOW.minusDays(daysAgo),
        finess,
        ARCADES.equals(finess) ? "Pharmacie des Arcades" : "Pharmacie du Marché",
        cip13,
        "produit " + cip13,
        Optional.ofNullable(atc),
        2,
        Optional.empty());
  }

  static final List<DpViews.PrescribedLine> DOLIPRANE_LINE =
      List.of(new DpViews.PrescribedLine("L1", DOLIPRANE, "DOLIPRANE 1000 mg cp B/8"));

  @Test
  void same_molecule_delivered_elsewhere_within_the_window_is_flagged_with_a_french_message() {
    Consultation c =
        new Consultation(
            List.of(delivered(ARCADES, PARACETAMOL_GENERIC, "N02BE01", 3)),
            Map.of(DOLIPRANE, "N02BE01"),
            List.of());

    List<DpView.Interaction> flags = DpViews.interactions(c, DOLIPRANE_LINE, MARCHE, NOW, WEEK);

    assertThat(flags)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.lineId()).isEqualTo("L1");
              assertThat(f.kind()).isEqualTo("SAME_MOLECULE");
              assertThat(f.atc()).isEqualTo("N02BE01");
              assertThat(f.message())
                  .contains("Même molécule", "20/11/2026", "Pharmacie des Arcades", "DOLIPRANE");
            });
  }

  @Test
  void same_cip13_delivered_elsewhere_is_flagged_even_without_an_atc_code() {
    Consultation c =
        new Consultation(List.of(delivered(ARCADES, DOLIPRANE, null, 1)), Map.of(), List.of());

    assertThat(DpViews.interactions(c, DOLIPRANE_LINE, MARCHE, NOW, WEEK))
        .extracting(DpView.Interaction::kind)
        .containsExactly("SAME_PRODUCT");
  }

  @Test
  void nothing_is_flagged_outside_the_window_by_the_acting_pharmacy_or_for_another_molecule() {
    Consultation c =
        new Consultation(
            List.of(
                delivered(ARCADES, PARACETAMOL_GENERIC, "N02BE01", 8),
                delivered(MARCHE, DOLIPRANE, "N02BE01", 1),
                delivered(ARCADES, NUROFEN, "M01AE01", 1)),
            Map.of(DOLIPRANE, "N02BE01"),
            List.of());

    assertThat(DpViews.interactions(c, DOLIPRANE_LINE, MARCHE, NOW, WEEK)).isEmpty();
    // the window is configurable: 10 days catches the generic delivered 8 days ago
    assertThat(DpViews.interactions(c, DOLIPRANE_LINE, MARCHE, NOW, Duration.ofDays(10)))
        .hasSize(1);
  }

  @Test
  void active_view_marks_other_pharmacies_and_translates_alerts() {
    Consultation c =
        new Consultation(
            List.of(
                delivered(ARCADES, NUROFEN, "M01AE01", 2),
                delivered(MARCHE, DOLIPRANE, "N02BE01", 40)),
            Map.of(),
            List.of(
                new Alert(
                    "RAPPEL",
                    DOLIPRANE,
                    "DOLIPRANE",
                    Optional.of("L1"),
                    LocalDate.of(2026, 11, 1),
                    "Rappel")));

    DpView v = DpViews.active(c, DOLIPRANE_LINE, MARCHE, NOW, WEEK);

    assertThat(v.state()).isEqualTo("ACTIVE");
    assertThat(v.canFeed()).isTrue();
    assertThat(v.history())
        .extracting(DpView.Dispensation::otherPharmacy)
        .containsExactly(true, false);
    assertThat(v.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.type()).isEqualTo("RECALL");
              assertThat(a.typeLabel()).contains("Rappel");
            });
  }

  @Test
  void each_dp_refusal_code_has_its_state_and_none_can_be_fed() {
    assertThat(DpViews.refused("DP_INEXISTANT").state()).isEqualTo("NONE");
    assertThat(DpViews.refused("DP_FERME").state()).isEqualTo("CLOSED");
    assertThat(DpViews.refused("DP_REFUS_ACCES").state()).isEqualTo("ACCESS_REFUSED");
    assertThat(DpViews.refused("DP_PATIENT_INCONNU").state()).isEqualTo("UNKNOWN_PATIENT");
    assertThat(DpViews.refused("DP_CONTEXTE_INVALIDE").state()).isEqualTo("UNAVAILABLE");
    assertThat(List.of(DpViews.refused("DP_FERME"), DpViews.noIns(), DpViews.unavailable()))
        .noneMatch(DpView::canFeed);
  }
}
