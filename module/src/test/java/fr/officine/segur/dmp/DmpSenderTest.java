package fr.officine.segur.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.outbox.SendOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each ITI-41 answer means for the outbox: final or retried. */
class DmpSenderTest {
  static SendOutcome outcome(String code) {
    return DmpSender.outcome(
        new RegistryAnswer(false, List.of(new RegistryAnswer.Error(code, "contexte"))));
  }

  @Test
  void patient_choices_are_final_and_never_retried() {
    assertThat(outcome("DMP_OPPOSITION")).isInstanceOf(SendOutcome.Refused.class);
    assertThat(outcome("PS_BLOQUE")).isInstanceOf(SendOutcome.Refused.class);
    assertThat(outcome("DMP_INEXISTANT")).isInstanceOf(SendOutcome.NotApplicable.class);
    assertThat(outcome("DMP_FERME")).isInstanceOf(SendOutcome.NotApplicable.class);
    assertThat(outcome("XDSRepositoryMetadataError")).isInstanceOf(SendOutcome.Refused.class);
  }

  @Test
  void duplicate_unique_id_after_a_lost_answer_counts_as_sent() {
    assertThat(outcome("XDSDocumentUniqueIdError")).isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void busy_repository_is_retried() {
    assertThat(outcome("XDSRepositoryBusy")).isInstanceOf(SendOutcome.Failed.class);
    assertThat(DmpSender.outcome(new RegistryAnswer(true, List.of())))
        .isInstanceOf(SendOutcome.Sent.class);
  }
}
