package fr.officine.segur.dmp;

import fr.officine.segur.trust.PharmacyCredentials;
import fr.officine.segur.trust.tls.NationalServiceTls;
import fr.officine.segur.trust.tls.WarmsUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The module's DMP, configured (segur.dmp.*): its transactions, {@link Td02Query}, {@link
 * Iti41ProvideAndRegister} and {@link Iti18GetDocuments}, over one {@link DmpSoapTransport}.
 */
@ApplicationScoped
public class Dmp implements WarmsUp {
  private DmpSoapTransport transport;
  private Td02Query td02;
  private Iti41ProvideAndRegister iti41;
  private Iti18GetDocuments iti18;
  private Duration statusTimeout;
  private Duration sendTimeout;

  protected Dmp() {}

  /** Without anyone told of the calls (benchmarks, tests outside the container). */
  public Dmp(
      PharmacyCredentials credentials,
      String url,
      long connectMs,
      long sendMs,
      long statusMs,
      String homologation) {
    this(
        credentials,
        new NationalServiceTls(credentials),
        new DmpSettings(
            url,
            Duration.ofMillis(connectMs),
            Duration.ofMillis(sendMs),
            Duration.ofMillis(statusMs),
            Duration.ZERO, // the TD0.2 cache is DmpStatuses', not used here
            homologation),
        DmpCallObserver.NONE);
  }

  @Inject
  public Dmp(
      PharmacyCredentials credentials,
      NationalServiceTls tls,
      Config config,
      DmpCallObserver observer) {
    this(credentials, tls, DmpSettings.from(config), observer);
  }

  Dmp(
      PharmacyCredentials credentials,
      NationalServiceTls tls,
      DmpSettings settings,
      DmpCallObserver observer) {
    this.transport =
        new DmpSoapTransport(
            URI.create(settings.url()),
            new Vihf(
                new Vihf.Software("officine-segur", "0.1.0", settings.homologation()),
                Clock.systemUTC()),
            credentials,
            tls,
            settings.connectTimeout(),
            Clock.systemUTC(),
            observer);
    this.sendTimeout = settings.sendTimeout();
    this.td02 = new Td02Query(transport);
    this.iti41 = new Iti41ProvideAndRegister(transport, sendTimeout);
    this.iti18 = new Iti18GetDocuments(transport, sendTimeout);
    this.statusTimeout = settings.statusTimeout();
  }

  @Override
  public int warmUpRank() {
    return 1;
  }

  @Override
  public String serviceName() {
    return "Le DMP";
  }

  @Override
  public void warmUp(String finess) throws Exception {
    transport.warmUp(finess, sendTimeout);
  }

  /** TD0.2, at the counter (with {@link #statusTimeout}). */
  public Td02Query td02() {
    return td02;
  }

  /** ITI-41, from the outbox. */
  public Iti41ProvideAndRegister iti41() {
    return iti41;
  }

  /** ITI-18 GetDocuments, from the outbox: was a send without answer registered? */
  public Iti18GetDocuments iti18() {
    return iti18;
  }

  /** How long the counter waits for TD0.2 before showing "indisponible". */
  public Duration statusTimeout() {
    return statusTimeout;
  }
}
