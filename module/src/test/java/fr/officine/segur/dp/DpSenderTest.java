package fr.officine.segur.dp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.dp.DossierPharmaceutique.DpRefused;
import fr.officine.segur.dp.DossierPharmaceutique.Recorded;
import fr.officine.segur.outbox.SendOutcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each DP answer means for the DP send (final or retried), in French. */
class DpSenderTest {

  @Test
  void no_dp_closed_dp_and_refused_access_are_not_applicable_never_retried() {
    assertThat(DpSender.refusal(new DpRefused("DP_INEXISTANT", "x", Optional.empty())))
        .isInstanceOf(SendOutcome.NotApplicable.class);
    assertThat(DpSender.refusal(new DpRefused("DP_FERME", "x", Optional.empty())))
        .isInstanceOf(SendOutcome.NotApplicable.class);
    assertThat(DpSender.refusal(new DpRefused("DP_REFUS_ACCES", "x", Optional.empty())).reason())
        .contains("refusé l'accès");
  }

  @Test
  void a_product_the_patient_refused_is_refused_with_the_dp_message() {
    SendOutcome o =
        DpSender.refusal(
            new DpRefused(
                "DP_REFUS_PRODUIT",
                "Le patient a refusé que OMEPRAZOLE soit inscrit",
                Optional.of("3400936194557")));
    assertThat(o).isInstanceOf(SendOutcome.Refused.class);
    assertThat(o.reason()).contains("OMEPRAZOLE");
  }

  @Test
  void an_already_recorded_dispensation_is_sent_and_a_forward_says_what_the_dmp_got() {
    assertThat(DpSender.outcome(new Recorded(true, 1, Optional.empty()), false))
        .isInstanceOf(SendOutcome.Sent.class)
        .extracting(SendOutcome::reason)
        .asString()
        .contains("déjà inscrite");
    assertThat(DpSender.outcome(new Recorded(false, 1, Optional.of("TRANSMIS")), true).reason())
        .contains("transmis au DMP");
    assertThat(
            DpSender.outcome(new Recorded(false, 1, Optional.of("DMP_OPPOSITION")), true).reason())
        .contains("s'oppose");
  }
}
