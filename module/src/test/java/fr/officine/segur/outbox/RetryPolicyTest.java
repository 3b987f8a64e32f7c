package fr.officine.segur.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.SendReason;
import org.junit.jupiter.api.Test;

/** Issue 14 §5: what each national service retries is said once, by its policy. */
class RetryPolicyTest {
  @Test
  void a_service_down_or_busy_is_tried_again_and_a_business_refusal_is_final() {
    assertThat(RetryPolicy.unsent(OutboxTarget.DMP, SendReason.DMP_BUSY))
        .isInstanceOf(SendOutcome.Failed.class);
    assertThat(RetryPolicy.unsent(OutboxTarget.DMP, SendReason.DMP_UNAVAILABLE))
        .isInstanceOf(SendOutcome.Failed.class);
    assertThat(RetryPolicy.unsent(OutboxTarget.DMP, SendReason.DMP_DOCUMENT_REFUSED))
        .isInstanceOf(SendOutcome.Refused.class);
    assertThat(RetryPolicy.unsent(OutboxTarget.DP, SendReason.DP_UNAVAILABLE))
        .isInstanceOf(SendOutcome.Failed.class);
    assertThat(RetryPolicy.unsent(OutboxTarget.DP, SendReason.DP_REFUSED))
        .isInstanceOf(SendOutcome.Refused.class);
    assertThat(RetryPolicy.unsent(OutboxTarget.MSSANTE, SendReason.MSSANTE_UNAVAILABLE))
        .isInstanceOf(SendOutcome.Failed.class);
    assertThat(RetryPolicy.unsent(OutboxTarget.MSSANTE, SendReason.MSSANTE_REFUSED))
        .isInstanceOf(SendOutcome.Refused.class);
  }

  @Test
  void a_defect_or_a_missing_sender_is_retried_whatever_the_service() {
    for (OutboxTarget t : OutboxTarget.values()) {
      assertThat(RetryPolicy.retries(t, SendReason.TECHNICAL_ERROR)).as(t.name()).isTrue();
      assertThat(RetryPolicy.retries(t, SendReason.NO_SENDER)).as(t.name()).isTrue();
    }
  }

  @Test
  void one_service_unavailable_is_not_a_reason_to_retry_another() {
    assertThat(RetryPolicy.retries(OutboxTarget.DP, SendReason.DMP_UNAVAILABLE)).isFalse();
  }
}
