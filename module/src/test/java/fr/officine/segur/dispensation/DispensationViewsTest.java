package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.dispensation.Dispensation.Accepted;
import fr.officine.segur.dispensation.Dispensation.Refusal;
import fr.officine.segur.prescription.Prescription.Product;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispensationViewsTest {
  static Dispensation dispensation(
      DispensationStatus status, Optional<Accepted> accepted, Optional<Refusal> refusal) {
    return new Dispensation(
        DispensationId.newId(),
        PrescriptionNumber.of("01S2TBPZ2JCNZZYGHZ"),
        "690100011",
        "Pharmacie du Marché",
        "titulaire",
        Optional.of("10100000016"),
        "Claire MARTIN",
        fr.officine.segur.trust.AuthMode.INDIRECTE,
        status,
        OffsetDateTime.parse("2026-11-23T10:15:30Z"),
        1,
        Optional.of(OffsetDateTime.parse("2026-11-23T10:15:31Z")),
        accepted.isPresent() ? Optional.of("PARTIAL") : Optional.empty(),
        refusal,
        List.of(
            new Dispensation.Line(
                "L1",
                1,
                Optional.of(new Product("3400930000007", null, "GENERIQUE")),
                Optional.empty(),
                accepted)),
        List.of(new Dispensation.HandwrittenLine(null, "SERUM PHY", 1)));
  }

  @Test
  void a_recorded_dispensation_shows_what_the_base_accepted_and_its_send_as_sent() {
    DispensationView v =
        DispensationViews.view(
            dispensation(
                DispensationStatus.RECORDED,
                Optional.of(new Accepted(1, "FFP", 2)),
                Optional.empty()));

    assertThat(v.status()).isEqualTo("RECORDED");
    assertThat(v.prescriptionStatus()).isEqualTo("PARTIAL");
    assertThat(v.lines())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.completenessCode()).isEqualTo("FFP");
              assertThat(l.remainingQuantity()).isEqualTo(2);
              assertThat(l.deliveredProduct().cip13()).isEqualTo("3400930000007");
            });
    assertThat(v.handwrittenLines())
        .singleElement()
        .satisfies(h -> assertThat(h.label()).isEqualTo("SERUM PHY"));
    assertThat(v.sends())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.target()).isEqualTo("EPRESCRIPTION");
              assertThat(s.state()).isEqualTo("SENT");
              assertThat(s.attempts()).isEqualTo(1);
            });
    assertThat(v.links()).isEmpty();
  }

  @Test
  void a_dispensation_whose_answer_is_unknown_shows_its_send_as_pending() {
    DispensationView v =
        DispensationViews.view(
            dispensation(DispensationStatus.SUBMITTING, Optional.empty(), Optional.empty()));

    assertThat(v.sends().get(0).state()).isEqualTo("PENDING");
    assertThat(v.lines().get(0).completenessCode()).isNull();
  }

  @Test
  void a_refused_dispensation_shows_the_refusal_as_the_reason_of_its_send() {
    DispensationView v =
        DispensationViews.view(
            dispensation(
                DispensationStatus.REFUSED,
                Optional.empty(),
                Optional.of(
                    new Refusal(ProblemType.OVER_DELIVERY, "Il reste 1", Optional.of("L1")))));

    assertThat(v.sends().get(0).state()).isEqualTo("REFUSED");
    assertThat(v.sends().get(0).reason()).contains("OVER_DELIVERY").contains("Il reste 1");
  }
}
