package fr.officine.segur.dp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Who feeds the DMP with a dispensation document (DOMAIN-FACTS §2.6: in reality the DP forwards
 * dispensations to the DMP). {@code segur.dmp.route=direct} (default): the module sends ITI-41
 * itself and the DP only records. {@code via-dp}: the module asks the DP to forward the very same
 * document (same uniqueId) and does not send it itself. {@code segur.dmp.route.<FINESS>} overrides
 * it for one pharmacy of a group instance. Read at start ({@link DmpRouteSettings}), decided once
 * per dispensation when its sends are written.
 */
@ApplicationScoped
public class DmpRoute {
  private DmpRouteSettings settings;

  protected DmpRoute() {}

  @Inject
  public DmpRoute(Config config) {
    this(DmpRouteSettings.from(config));
  }

  public DmpRoute(DmpRouteSettings settings) {
    this.settings = settings;
  }

  public boolean viaDp(String pharmacyFiness) {
    return settings.of(pharmacyFiness) == DmpRouteSettings.Route.VIA_DP;
  }
}
