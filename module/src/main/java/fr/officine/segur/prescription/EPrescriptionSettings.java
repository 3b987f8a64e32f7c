package fr.officine.segur.prescription;

import fr.officine.segur.config.Settings;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The e-prescription base client's settings ({@code segur.eprescription.*}; defaults in
 * microprofile-config.properties). A consult or an execution must not keep the pharmacist waiting:
 * fail fast, say "base unavailable".
 */
public record EPrescriptionSettings(String url, Duration connectTimeout, Duration readTimeout) {
  public static EPrescriptionSettings from(Config config) {
    return new EPrescriptionSettings(
        config.getValue("segur.eprescription.url", String.class),
        Settings.duration(config, "segur.eprescription.connect-timeout"),
        Settings.duration(config, "segur.eprescription.read-timeout"));
  }
}
