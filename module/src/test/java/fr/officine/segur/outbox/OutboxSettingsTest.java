package fr.officine.segur.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.config.MapConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each national service's retry timing is its own setting (issue 14 §5); the former global keys,
 * used by integration-tests/pom.xml and deploy scripts, still set every service from a stronger
 * place.
 */
class OutboxSettingsTest {
  static OutboxSettings settings(Map<String, String> systemProperties) {
    return OutboxSettings.from(MapConfig.withModuleDefaults(systemProperties));
  }

  static void everyTargetHas(OutboxSettings settings, Backoff expected) {
    for (OutboxTarget t : OutboxTarget.values()) {
      assertThat(settings.backoff(t)).as(t.name()).isEqualTo(expected);
    }
  }

  @Test
  void every_target_has_its_backoff_from_the_defaults_file() {
    everyTargetHas(
        settings(Map.of()), new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), 0.2));
  }

  @Test
  void one_target_set_alone_leaves_the_others_at_their_defaults() {
    OutboxSettings settings =
        settings(
            Map.of(
                "segur.outbox.dmp.backoff-max", "PT30S", "segur.outbox.dmp.backoff-jitter", "0.5"));
    assertThat(settings.backoff(OutboxTarget.DMP))
        .isEqualTo(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.5));
    assertThat(settings.backoff(OutboxTarget.DP).max()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void the_former_global_keys_still_set_every_target_as_the_integration_tests_do() {
    everyTargetHas(
        settings(
            Map.of("segur.outbox.backoff-initial", "PT0.5S", "segur.outbox.backoff-max", "PT2S")),
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(2), 0.2));
  }

  @Test
  void set_in_the_same_place_the_target_key_wins_over_the_global_one() {
    OutboxSettings settings =
        settings(
            Map.of("segur.outbox.backoff-max", "PT2S", "segur.outbox.mssante.backoff-max", "PT1H"));
    assertThat(settings.backoff(OutboxTarget.MSSANTE).max()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.backoff(OutboxTarget.DMP).max()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void a_jitter_outside_a_fraction_names_its_key() {
    assertThatThrownBy(() -> settings(Map.of("segur.outbox.dp.backoff-jitter", "20%")))
        .hasMessageContaining("segur.outbox.dp.backoff-jitter")
        .hasMessageContaining("fraction");
  }
}
