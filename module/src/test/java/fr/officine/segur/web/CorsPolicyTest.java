package fr.officine.segur.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CORS off by default, on for the exact origins an operator lists (issue 16 §4). */
class CorsPolicyTest {
  @Test
  void off_by_default_no_origin_gets_a_cors_header() {
    CorsPolicy policy = new CorsPolicy(Optional.empty());
    assertThat(policy.enabled()).isFalse();
    assertThat(policy.answerHeaders("https://lgo.example")).isEmpty();
    assertThat(policy.preflightHeaders("https://lgo.example")).isEmpty();
  }

  @Test
  void an_allowed_origin_is_answered_by_name_without_wildcard_nor_credentials() {
    CorsPolicy policy =
        new CorsPolicy(Optional.of(List.of(" https://LGO.pharmacie.lan:9443/ ", "")));
    assertThat(policy.enabled()).isTrue();
    assertThat(policy.answerHeaders("https://lgo.pharmacie.lan:9443"))
        .containsEntry("Access-Control-Allow-Origin", "https://lgo.pharmacie.lan:9443")
        .containsKey("Access-Control-Expose-Headers")
        .doesNotContainKey("Access-Control-Allow-Credentials");
    assertThat(
            policy
                .preflightHeaders("https://lgo.pharmacie.lan:9443")
                .get("Access-Control-Allow-Headers"))
        .contains("Authorization", "Idempotency-Key", "If-None-Match");
  }

  @Test
  void another_origin_or_none_gets_nothing() {
    CorsPolicy policy = new CorsPolicy(Optional.of(List.of("https://lgo.pharmacie.lan:9443")));
    assertThat(policy.answerHeaders("https://lgo.pharmacie.lan:9444")).isEmpty();
    assertThat(policy.answerHeaders("http://lgo.pharmacie.lan:9443")).isEmpty();
    assertThat(policy.answerHeaders("null")).isEmpty();
    assertThat(policy.answerHeaders(null)).isEmpty();
  }
}
