package fr.officine.segur.dp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * {@code segur.dmp.route} and its per-pharmacy overrides {@code segur.dmp.route.<FINESS>}, read
 * once at start. A value other than {@code direct} or {@code via-dp} stops the start with the key
 * named: a typo must not quietly send a group's documents by the other route.
 *
 * @param byDefault the route of a pharmacy without an override
 * @param byPharmacy FINESS → its own route
 */
public record DmpRouteSettings(Route byDefault, Map<String, Route> byPharmacy) {
  static final String KEY = "segur.dmp.route";
  static final String ENV_PREFIX = "SEGUR_DMP_ROUTE_";

  public enum Route {
    DIRECT("direct"),
    VIA_DP("via-dp");

    private final String setting;

    Route(String setting) {
      this.setting = setting;
    }

    static Route parse(String key, String text) {
      String value = text.trim().toLowerCase(Locale.ROOT);
      for (Route r : values()) {
        if (r.setting.equals(value)) {
          return r;
        }
      }
      throw new IllegalArgumentException(
          key + ": « direct » or « via-dp » is expected, not « " + text + " »");
    }
  }

  public DmpRouteSettings {
    byPharmacy = Map.copyOf(byPharmacy);
  }

  public static DmpRouteSettings from(Config config) {
    Map<String, Route> byPharmacy = new HashMap<>();
    for (String name : config.getPropertyNames()) {
      // the property, or its environment spelling (SEGUR_DMP_ROUTE_<FINESS>, MicroProfile Config's
      // mapping), read back through the property so that the strongest source wins as before
      for (String prefix : new String[] {KEY + ".", ENV_PREFIX}) {
        if (name.length() > prefix.length() && name.startsWith(prefix)) {
          String key = KEY + "." + name.substring(prefix.length());
          config
              .getOptionalValue(key, String.class)
              .ifPresent(v -> byPharmacy.put(name.substring(prefix.length()), Route.parse(key, v)));
        }
      }
    }
    Route byDefault =
        config
            .getOptionalValue(KEY, String.class)
            .map(v -> Route.parse(KEY, v))
            .orElse(Route.DIRECT);
    return new DmpRouteSettings(byDefault, byPharmacy);
  }

  public Route of(String pharmacyFiness) {
    return byPharmacy.getOrDefault(pharmacyFiness, byDefault);
  }
}
