package fr.officine.segur.mssante;

import fr.officine.segur.config.Settings;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The pharmacy's MSSanté operator and directory ({@code segur.mssante.*}; defaults in
 * microprofile-config.properties).
 *
 * @param timeout connect and read timeout of the operator and the directory; a send over it is
 *     retried
 */
public record MssanteSettings(
    String smtpHost, int smtpPort, String directoryUrl, Duration timeout) {
  public static MssanteSettings from(Config config) {
    return new MssanteSettings(
        config.getValue("segur.mssante.smtp.host", String.class),
        config.getValue("segur.mssante.smtp.port", Integer.class),
        config.getValue("segur.mssante.directory.url", String.class),
        Settings.duration(config, "segur.mssante.timeout"));
  }
}
