package fr.officine.segur.counter;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.SchemaReady;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.PharmacyCredentials;
import fr.officine.segur.trust.tls.NationalServiceTls;
import fr.officine.segur.trust.tls.NationalServiceTls.ClientTls;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * A light background probe of the national services, so a light turns red when a service goes down
 * even when nobody scans, and green again when it comes back: every {@code
 * segur.health.probe-interval} (PT30S; PT0S switches it off), one {@code GET <endpoint>?wsdl} per
 * service. That carries no patient data and costs the service one static page; any HTTP answer
 * below 500 proves the service's front reachable, a 5xx, a timeout or a refused connection counts
 * as a failure. The result feeds the same lights as the real calls: the latest observation wins.
 *
 * <p>Over https the probe goes out like any call of the module: with an installed pharmacy's
 * organisation certificate and the module's one TLS set-up ({@link NationalServiceTls}: trusts only
 * {@code trust-anchors.pem}); a certificate absent, expired or refused turns the light red with the
 * same reason as a real call's ({@link ServiceHealth#ended}).
 */
@ApplicationScoped
public class HealthProbe {
  private static final Logger LOG = Logger.getLogger(HealthProbe.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  private ManagedScheduledExecutorService executor;

  private ServiceHealth health;
  private HealthProbeSettings settings;
  private volatile ScheduledFuture<?> schedule;
  private PharmacyCredentials credentials;
  private NationalServiceTls tls;
  private volatile HttpClient plainHttp;

  /** Over https: the client of the pharmacy's current TLS, rebuilt when its certificate changes. */
  private final AtomicReference<TlsClient> tlsClient = new AtomicReference<>();

  private record TlsClient(ClientTls tls, HttpClient client) {}

  protected HealthProbe() {}

  @Inject
  public HealthProbe(
      ServiceHealth health,
      Config config,
      PharmacyCredentials credentials,
      NationalServiceTls tls) {
    this(health, HealthProbeSettings.from(config), credentials, tls);
  }

  HealthProbe(
      ServiceHealth health,
      HealthProbeSettings settings,
      PharmacyCredentials credentials,
      NationalServiceTls tls) {
    this.health = health;
    this.settings = settings;
    this.credentials = credentials;
    this.tls = tls;
  }

  void start(@Observes SchemaReady ready) {
    Duration every = settings.interval();
    if (settings.off()) {
      LOG.info("Health probe off (segur.health.probe-interval)");
      return;
    }
    schedule =
        executor.scheduleWithFixedDelay(
            this::probeAll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info(() -> "Health probe of the national services every " + every);
  }

  /** One round; each service on its own, none waits for another's timeout more than once. */
  public void probeAll() {
    for (Map.Entry<NationalService, URI> e : settings.endpoints().entrySet()) {
      try {
        probe(e.getKey(), e.getValue());
      } catch (RuntimeException ex) {
        LOG.log(Level.FINE, "probe of " + e.getKey() + " failed", ex);
      }
    }
  }

  void probe(NationalService service, URI endpoint) {
    long start = System.nanoTime();
    Optional<String> finess = Optional.empty();
    try {
      HttpClient client;
      if (NationalServiceTls.isTls(endpoint.toString())) {
        // which pharmacy does not matter to the service's front: the first installed one
        finess = credentials.installed().stream().findFirst();
        client =
            tlsClient(
                finess.orElseThrow(
                    () ->
                        new ProblemException(
                            ProblemType.ORGANISATION_CERTIFICATE_MISSING,
                            "Aucun certificat d'officine (pharmacy-<FINESS>.p12) installé dans "
                                + credentials.directory()
                                + ".")));
      } else {
        client = plainHttp();
      }
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(URI.create(endpoint + "?wsdl"))
                  .timeout(Duration.ofMillis(timeoutMs()))
                  .header("User-Agent", "officine-segur health probe")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (response.statusCode() >= 500) {
        health.failed(
            service, took, "Sonde : le service répond HTTP " + response.statusCode() + ".");
      } else {
        health.answered(service, took);
      }
    } catch (ProblemException e) {
      health.ended(service, Duration.ofNanos(System.nanoTime() - start), e);
    } catch (IOException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Optional<ProblemException> refused =
          finess.flatMap(
              f -> tls.explain(e, f, endpoint.toString(), (int) timeoutMs(), service.label()));
      if (refused.isPresent()) {
        health.ended(service, took, refused.get());
      } else {
        health.failed(service, took, "Sonde : le service ne répond pas.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long timeoutMs() {
    return settings.timeout().toMillis();
  }

  private HttpClient plainHttp() {
    HttpClient c = plainHttp;
    if (c == null) {
      c = builder().build();
      plainHttp = c;
    }
    return c;
  }

  /**
   * @throws ProblemException when the pharmacy's certificate or the trust anchors are unusable
   */
  private HttpClient tlsClient(String finess) {
    ClientTls current = tls.forPharmacy(finess);
    return tlsClient
        .updateAndGet(
            t ->
                t != null && t.tls() == current
                    ? t
                    : new TlsClient(current, builder().sslContext(current.context()).build()))
        .client();
  }

  private HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofMillis(timeoutMs()))
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
