package fr.officine.segur.counter;

import fr.officine.segur.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The background probe's settings, read once at start ({@code segur.health.probe-*}; defaults in
 * microprofile-config.properties).
 *
 * @param interval between two rounds; zero or negative: no probe
 * @param timeout of one service's answer
 * @param endpoints what is probed per service: each configured service's SOAP endpoint (the DMP's
 *     TD0.2 one: its base URL serves nothing)
 */
public record HealthProbeSettings(
    Duration interval, Duration timeout, Map<NationalService, URI> endpoints) {
  public HealthProbeSettings {
    endpoints = Map.copyOf(endpoints);
  }

  public static HealthProbeSettings from(Config config) {
    Map<NationalService, URI> endpoints = new EnumMap<>(NationalService.class);
    url(config, "segur.eprescription.url")
        .ifPresent(u -> endpoints.put(NationalService.EPRESCRIPTION, u));
    url(config, "segur.dmp.url")
        .ifPresent(u -> endpoints.put(NationalService.DMP, URI.create(u + "/patients")));
    url(config, "segur.dp.url").ifPresent(u -> endpoints.put(NationalService.DP, u));
    url(config, "segur.insi.url").ifPresent(u -> endpoints.put(NationalService.INSI, u));
    return new HealthProbeSettings(
        Settings.duration(config, "segur.health.probe-interval"),
        Settings.duration(config, "segur.health.probe-timeout"),
        endpoints);
  }

  public boolean off() {
    return interval.isZero() || interval.isNegative();
  }

  private static Optional<URI> url(Config config, String key) {
    return config
        .getOptionalValue(key, String.class)
        .filter(s -> !s.isBlank())
        .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s));
  }
}
