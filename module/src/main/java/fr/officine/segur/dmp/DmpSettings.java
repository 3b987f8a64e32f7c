package fr.officine.segur.dmp;

import fr.officine.segur.config.Settings;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The DMP's settings ({@code segur.dmp.*}; defaults in microprofile-config.properties). TD0.2 at
 * the counter never waits more than {@code statusTimeout}; a send from the outbox waits {@code
 * sendTimeout}, then counts as a failure and is retried by the DMP's {@link
 * fr.officine.segur.outbox.RetryPolicy}.
 *
 * @param statusCache how long a TD0.2 answer is kept per patient, pharmacist and pharmacy
 * @param homologation the software's homologation number in the VIHF
 */
public record DmpSettings(
    String url,
    Duration connectTimeout,
    Duration sendTimeout,
    Duration statusTimeout,
    Duration statusCache,
    String homologation) {
  public static DmpSettings from(Config config) {
    return new DmpSettings(
        config.getValue("segur.dmp.url", String.class),
        Settings.duration(config, "segur.dmp.connect-timeout"),
        Settings.duration(config, "segur.dmp.send-timeout"),
        Settings.duration(config, "segur.dmp.status-timeout"),
        Settings.duration(config, "segur.dmp.status-cache"),
        config.getValue("segur.dmp.homologation", String.class));
  }
}
