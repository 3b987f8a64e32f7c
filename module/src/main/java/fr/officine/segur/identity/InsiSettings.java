package fr.officine.segur.identity;

import fr.officine.segur.config.Settings;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The INSi client's settings ({@code segur.insi.*}; defaults in microprofile-config.properties).
 *
 * @param idam the software authorisation number the CNAM gives the editor at CNDA homologation
 * @param softwareName the software's name and version in the LPS context header
 */
public record InsiSettings(
    String url,
    Duration connectTimeout,
    Duration readTimeout,
    String idam,
    String softwareName,
    String softwareVersion) {
  public static InsiSettings from(Config config) {
    return new InsiSettings(
        config.getValue("segur.insi.url", String.class),
        Settings.duration(config, "segur.insi.connect-timeout"),
        Settings.duration(config, "segur.insi.read-timeout"),
        config.getValue("segur.insi.idam", String.class),
        config.getValue("segur.insi.software-name", String.class),
        config.getValue("segur.insi.software-version", String.class));
  }
}
