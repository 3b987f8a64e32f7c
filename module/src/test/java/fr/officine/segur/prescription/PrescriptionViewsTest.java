package fr.officine.segur.prescription;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.prescription.DeliveryView;
import fr.officine.segur.api.prescription.LineView;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a line unknown to the base is counted and shown to each pharmacy of the instance. */
class PrescriptionViewsTest {
  static final String MARCHE = "690100011";
  static final String ARCADES = "690100029";
  static final Prescription.Line LUBRICANT =
      new Prescription.Line(
          "L1",
          new Prescription.Product("6543210", "1.2.250.1.215.200.2.1", "LUBRIFIANT OCULAIRE"),
          null,
          2,
          0,
          2,
          0,
          2,
          2,
          true,
          false,
          false,
          List.of(),
          null,
          null);

  @Test
  void
      every_pharmacys_delivery_of_a_line_unknown_to_the_base_counts_and_shows_like_one_from_the_base() {
    // issue 11 §17: A delivered 1 of 2 boxes; B reads the same prescription
    List<DeliveryOutsideBase> recorded =
        List.of(
            new DeliveryOutsideBase(
                "d-1",
                "L1",
                MARCHE,
                "Pharmacie du Marché",
                OffsetDateTime.parse("2026-12-01T09:00:00Z"),
                1));

    LineView seenByB = PrescriptionViews.unknownProductLine(LUBRICANT, ARCADES, recorded);

    assertThat(seenByB.deliveredQuantity()).isEqualTo(1);
    assertThat(seenByB.remainingQuantity()).isEqualTo(1);
    DeliveryView fromA = seenByB.deliveries().get(0);
    assertThat(fromA.pharmacyName()).isEqualTo("Pharmacie du Marché");
    assertThat(fromA.ownPharmacy()).isFalse();
    assertThat(fromA.quantity()).isEqualTo(1);
    assertThat(
            PrescriptionViews.unknownProductLine(LUBRICANT, MARCHE, recorded)
                .deliveries()
                .get(0)
                .ownPharmacy())
        .isTrue();
  }
}
