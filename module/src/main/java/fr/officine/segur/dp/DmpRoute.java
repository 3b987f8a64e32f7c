package fr.officine.segur.dp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;

/**
 * Who feeds the DMP with a dispensation document (DOMAIN-FACTS §2.6: in reality the DP forwards
 * dispensations to the DMP). {@code segur.dmp.route=direct} (default): the module sends ITI-41
 * itself and the DP only records. {@code via-dp}: the module asks the DP to forward the very same
 * document (same uniqueId) and does not send it itself. {@code segur.dmp.route.<FINESS>} overrides
 * it for one pharmacy of a group instance. Read per call (MicroProfile Config), decided once per
 * dispensation when its sends are written.
 */
@ApplicationScoped
public class DmpRoute {
  private Config config;

  protected DmpRoute() {}

  @Inject
  public DmpRoute(Config config) {
    this.config = config;
  }

  public boolean viaDp(String pharmacyFiness) {
    String route =
        config
            .getOptionalValue("segur.dmp.route." + pharmacyFiness, String.class)
            .or(() -> config.getOptionalValue("segur.dmp.route", String.class))
            .orElse("direct");
    return "via-dp".equals(route.trim().toLowerCase(Locale.ROOT));
  }
}
