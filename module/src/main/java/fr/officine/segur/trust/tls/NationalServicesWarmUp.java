package fr.officine.segur.trust.tls;

import fr.officine.segur.trust.PharmacyCredentials;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gets every national service's client ready at start, in the background, so that the first
 * pharmacist's scan does not pay for Metro's WSDL/JAXB models, the XML-DSig provider and the TLS
 * handshakes (measured: a first consult of 6.3 s and a DMP shown "indisponible" because TD0.2
 * missed its 1.5 s bound). Never delays readiness; a service down at start is only logged (the
 * counter's health lights say it anyway).
 */
@ApplicationScoped
public class NationalServicesWarmUp {
  private static final Logger LOG = Logger.getLogger(NationalServicesWarmUp.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  private ManagedExecutorService executor;

  private PharmacyCredentials credentials;
  private Instance<WarmsUp> clients;
  private boolean enabled;

  protected NationalServicesWarmUp() {}

  @Inject
  public NationalServicesWarmUp(
      PharmacyCredentials credentials,
      Instance<WarmsUp> clients,
      @ConfigProperty(name = "segur.warm-up") boolean enabled) {
    this.credentials = credentials;
    this.clients = clients;
    this.enabled = enabled;
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    if (enabled) {
      executor.execute(this::warmUp);
    }
  }

  /** Each installed pharmacy, each service: the services one after the other (2 cores). */
  void warmUp() {
    List<WarmsUp> ordered =
        clients.stream().sorted(java.util.Comparator.comparingInt(WarmsUp::warmUpRank)).toList();
    List<String> pharmacies = credentials.installed();
    if (pharmacies.isEmpty()) {
      LOG.warning(
          () ->
              "No organisation certificate in "
                  + credentials.directory()
                  + ": the national services cannot be called (see README, TLS).");
      return;
    }
    for (String finess : pharmacies) {
      long start = System.nanoTime();
      List<String> done = new ArrayList<>();
      for (WarmsUp client : ordered) {
        long t = System.nanoTime();
        try {
          client.warmUp(finess);
          done.add(client.serviceName() + " " + (System.nanoTime() - t) / 1_000_000 + " ms");
        } catch (Exception e) {
          LOG.log(
              Level.WARNING,
              client.serviceName() + " not warmed up for " + finess + ": " + e.getMessage());
          LOG.log(Level.FINE, "warm-up failure", e);
        }
      }
      LOG.info(
          () ->
              "National services warmed up for "
                  + finess
                  + " in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms ("
                  + String.join(", ", done)
                  + ")");
    }
  }
}
