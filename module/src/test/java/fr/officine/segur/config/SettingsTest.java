package fr.officine.segur.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14 §5: one format for durations, and the former millisecond keys still honoured. */
class SettingsTest {
  static final Map<String, String> DEFAULTS =
      Map.of("segur.dmp.status-timeout", "PT1.5S", "segur.outbox.poll-interval", "PT2S");

  @Test
  void a_duration_is_read_in_iso_8601_from_the_defaults_file() {
    MapConfig config = new MapConfig(DEFAULTS, Map.of());
    assertThat(Settings.duration(config, "segur.dmp.status-timeout"))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(Settings.duration(config, "segur.outbox.poll-interval"))
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void an_operator_setting_the_former_millisecond_key_still_overrides_the_default() {
    // integration-tests/pom.xml and deploy scripts set -Dsegur.dmp.status-timeout-ms=10000
    MapConfig config = new MapConfig(DEFAULTS, Map.of("segur.dmp.status-timeout-ms", "10000"));
    assertThat(Settings.duration(config, "segur.dmp.status-timeout"))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void set_in_the_same_place_the_iso_key_wins_over_its_millisecond_alias() {
    MapConfig config =
        new MapConfig(
            DEFAULTS,
            Map.of("segur.dmp.status-timeout-ms", "10000", "segur.dmp.status-timeout", "PT3S"));
    assertThat(Settings.duration(config, "segur.dmp.status-timeout"))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void a_system_property_overrides_an_iso_default() {
    MapConfig config = new MapConfig(DEFAULTS, Map.of("segur.outbox.poll-interval", "PT0.5S"));
    assertThat(Settings.duration(config, "segur.outbox.poll-interval"))
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void a_wrong_value_names_its_key_and_the_expected_format() {
    MapConfig config = new MapConfig(DEFAULTS, Map.of("segur.outbox.poll-interval", "2s"));
    assertThatThrownBy(() -> Settings.duration(config, "segur.outbox.poll-interval"))
        .hasMessageContaining("segur.outbox.poll-interval")
        .hasMessageContaining("ISO-8601");
    MapConfig millis = new MapConfig(DEFAULTS, Map.of("segur.dmp.status-timeout-ms", "PT1S"));
    assertThatThrownBy(() -> Settings.duration(millis, "segur.dmp.status-timeout"))
        .hasMessageContaining("segur.dmp.status-timeout-ms")
        .hasMessageContaining("milliseconds");
  }

  @Test
  void every_duration_default_of_the_module_is_in_iso_8601_and_no_key_is_spelled_in_ms() {
    Map<String, String> all = MapConfig.moduleDefaults();
    assertThat(all.keySet()).noneMatch(k -> k.endsWith(Settings.MILLIS_ALIAS));
    MapConfig config = new MapConfig(all, Map.of());
    all.forEach(
        (k, v) -> {
          if (v.matches("P[0-9T].*")) {
            assertThat(Settings.duration(config, k)).as(k).isNotNull();
          }
        });
  }
}
