package fr.officine.segur.dp;

import fr.officine.segur.config.Settings;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The Dossier Pharmaceutique's settings ({@code segur.dp.*}; defaults in
 * microprofile-config.properties).
 *
 * @param statusTimeout the longest the DP may delay the counter screen
 * @param historyMonths how many months of history the counter asks for
 * @param interactionWindow a product or molecule delivered by another pharmacy within it is flagged
 */
public record DpSettings(
    String url,
    Duration connectTimeout,
    Duration readTimeout,
    Duration statusTimeout,
    int historyMonths,
    Duration interactionWindow) {
  public static DpSettings from(Config config) {
    return new DpSettings(
        config.getValue("segur.dp.url", String.class),
        Settings.duration(config, "segur.dp.connect-timeout"),
        Settings.duration(config, "segur.dp.read-timeout"),
        Settings.duration(config, "segur.dp.status-timeout"),
        config.getValue("segur.dp.history-months", Integer.class),
        Duration.ofDays(config.getValue("segur.dp.interaction-days", Integer.class)));
  }
}
