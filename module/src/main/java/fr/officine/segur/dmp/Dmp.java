package fr.officine.segur.dmp;

import fr.officine.segur.trust.PharmacyCredentials;
import fr.officine.segur.trust.tls.NationalServiceTls;
import fr.officine.segur.trust.tls.WarmsUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The module's DMP, configured (segur.dmp.*): its two transactions, {@link Td02Query} and {@link
 * Iti41ProvideAndRegister}, over one {@link DmpSoapTransport}.
 */
@ApplicationScoped
public class Dmp implements WarmsUp {
  private DmpSoapTransport transport;
  private Td02Query td02;
  private Iti41ProvideAndRegister iti41;
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
        url,
        connectMs,
        sendMs,
        statusMs,
        homologation,
        DmpCallObserver.NONE);
  }

  @Inject
  public Dmp(
      PharmacyCredentials credentials,
      NationalServiceTls tls,
      @ConfigProperty(name = "segur.dmp.url") String url,
      @ConfigProperty(name = "segur.dmp.connect-timeout-ms", defaultValue = "1000") long connectMs,
      @ConfigProperty(name = "segur.dmp.send-timeout-ms", defaultValue = "10000") long sendMs,
      @ConfigProperty(name = "segur.dmp.status-timeout-ms", defaultValue = "1500") long statusMs,
      @ConfigProperty(name = "segur.dmp.homologation", defaultValue = "SANDBOX-0001")
          String homologation,
      DmpCallObserver observer) {
    this.transport =
        new DmpSoapTransport(
            URI.create(url),
            new Vihf(new Vihf.Software("officine-segur", "0.1.0", homologation), Clock.systemUTC()),
            credentials,
            tls,
            Duration.ofMillis(connectMs),
            Clock.systemUTC(),
            observer);
    this.sendTimeout = Duration.ofMillis(sendMs);
    this.td02 = new Td02Query(transport);
    this.iti41 = new Iti41ProvideAndRegister(transport, sendTimeout);
    this.statusTimeout = Duration.ofMillis(statusMs);
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

  /** How long the counter waits for TD0.2 before showing "indisponible". */
  public Duration statusTimeout() {
    return statusTimeout;
  }
}
