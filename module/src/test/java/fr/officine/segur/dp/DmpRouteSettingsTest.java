package fr.officine.segur.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.config.MapConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code segur.dmp.route} read once, typed; a typo refused at start (issue 14 §5). */
class DmpRouteSettingsTest {
  static DmpRoute route(Map<String, String> properties) {
    return new DmpRoute(DmpRouteSettings.from(MapConfig.withModuleDefaults(properties)));
  }

  @Test
  void the_module_feeds_the_dmp_itself_by_default() {
    assertThat(route(Map.of()).viaDp("690100011")).isFalse();
  }

  @Test
  void one_pharmacy_of_a_group_lets_the_dp_forward_its_documents() {
    DmpRoute route = route(Map.of("segur.dmp.route.690100029", "via-dp"));

    assertThat(route.viaDp("690100029")).isTrue();
    assertThat(route.viaDp("690100011")).isFalse();
  }

  @Test
  void the_default_route_applies_to_pharmacies_without_their_own() {
    DmpRoute route =
        route(Map.of("segur.dmp.route", " VIA-DP ", "segur.dmp.route.690100011", "direct"));

    assertThat(route.viaDp("690100029")).isTrue();
    assertThat(route.viaDp("690100011")).isFalse();
  }

  @Test
  void a_misspelt_route_stops_the_start_with_its_key() {
    assertThatThrownBy(() -> route(Map.of("segur.dmp.route.690100029", "via_dp")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segur.dmp.route.690100029")
        .hasMessageContaining("via_dp");
  }
}
