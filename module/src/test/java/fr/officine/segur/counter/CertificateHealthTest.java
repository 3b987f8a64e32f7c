package fr.officine.segur.counter;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.counter.ServiceHealth.State;
import fr.officine.segur.dmp.DmpUnavailable;
import fr.officine.segur.dp.DossierPharmaceutique.DpUnavailable;
import fr.officine.segur.prescription.SoapEPrescriptionBase;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.sandbox.pki.TestPki.TestClient;
import fr.officine.segur.testing.MutualTlsBase;
import fr.officine.segur.trust.CallerContext;
import fr.officine.segur.trust.PharmacyCredentials;
import fr.officine.segur.trust.tls.NationalServiceTls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lights against the real SOAP client over mutual TLS (a real HTTPS endpoint requiring a client
 * certificate from the test PKI): a call stopped by the pharmacy's organisation certificate turns
 * the light red with a reason the pharmacist reads, a business refusal does not.
 */
class CertificateHealthTest {
  static final CallerContext MARCHE =
      new CallerContext(
          "690100011", "Pharmacie du Marché", Optional.of("10100000016"), "Claire MARTIN");
  static final String NUMBER = "TLS000000000000002";

  static MutualTlsBase service;
  static String url;

  @TempDir Path installed;
  final ServiceHealth health = new ServiceHealth();

  @BeforeAll
  static void start() throws Exception {
    service = MutualTlsBase.start(NUMBER);
    url = service.url();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @BeforeEach
  void install() throws Exception {
    service.installIssued(installed);
  }

  /** One consult through the real client, its outcome given to the lights as the decorator does. */
  private void consult(String number) {
    SoapEPrescriptionBase client =
        SoapEPrescriptionBase.at(
            url, 2000, 4000, new NationalServiceTls(new PharmacyCredentials(installed)));
    try {
      client.consult(PrescriptionNumber.of(number), MARCHE);
      health.answered(NationalService.EPRESCRIPTION, Duration.ofMillis(5));
    } catch (RuntimeException e) {
      health.ended(NationalService.EPRESCRIPTION, Duration.ofMillis(5), e);
    }
  }

  private ServiceHealth.Observed light() {
    return health.observed(NationalService.EPRESCRIPTION);
  }

  private void installInstead(TestClient client) throws Exception {
    service.installInstead(installed, "690100011", client);
  }

  @Test
  void a_certificate_refused_by_the_service_turns_the_light_red_and_the_issued_one_green_again()
      throws Exception {
    consult(NUMBER);
    assertThat(light().state()).isEqualTo(State.UP);

    installInstead(TestClient.WRONG_CA);
    consult(NUMBER);
    assertThat(light().state()).isEqualTo(State.DOWN);
    assertThat(light().lastFailureReason())
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith("Certificat de la pharmacie refusé ou absent : ")
                    .contains("a refusé le certificat de l'organisation"));

    service.installIssued(installed);
    consult(NUMBER);
    assertThat(light().state()).isEqualTo(State.UP);
  }

  @Test
  void an_expired_certificate_turns_the_light_red_though_nothing_was_sent() throws Exception {
    installInstead(TestClient.EXPIRED);
    consult(NUMBER);
    assertThat(light().state()).isEqualTo(State.DOWN);
    assertThat(light().lastFailureReason())
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith("Certificat de la pharmacie refusé ou absent")
                    .contains("n'est valide que du"));
  }

  @Test
  void a_missing_certificate_turns_the_light_red_naming_the_file() throws Exception {
    Files.delete(installed.resolve("pharmacy-690100011.p12"));
    consult(NUMBER);
    assertThat(light().state()).isEqualTo(State.DOWN);
    assertThat(light().lastFailureReason())
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith("Certificat de la pharmacie refusé ou absent")
                    .contains("pharmacy-690100011.p12"));
  }

  @Test
  void a_business_refusal_of_the_base_is_an_answer_the_light_stays_green() {
    consult("TLS000000000000999");
    assertThat(light().state()).isEqualTo(State.UP);
  }

  @Test
  void the_dp_and_dmp_clients_certificate_problem_inside_their_unavailable_is_told_as_such() {
    ProblemException refused =
        new ProblemException(
            ProblemType.ORGANISATION_CERTIFICATE_INVALID,
            "Le DMP a refusé le certificat de l'organisation : il est révoqué.");
    health.ended(
        NationalService.DMP,
        Duration.ofMillis(30),
        new DmpUnavailable(refused.getMessage(), refused));
    health.ended(
        NationalService.DP,
        Duration.ofMillis(30),
        new DpUnavailable("DP injoignable : Connection refused", null));
    assertThat(health.observed(NationalService.DMP).lastFailureReason())
        .contains(
            "Certificat de la pharmacie refusé ou absent : Le DMP a refusé le certificat de l'organisation : il est révoqué.");
    assertThat(health.observed(NationalService.DP).lastFailureReason())
        .contains("DP injoignable : Connection refused");
  }

  @Test
  void
      the_probe_presents_an_installed_pharmacy_certificate_trusts_the_anchors_and_goes_red_when_refused()
          throws Exception {
    PharmacyCredentials credentials = new PharmacyCredentials(installed);
    HealthProbe probe =
        new HealthProbe(
            health,
            // The probe's 3 s default is a production choice; on a loaded test machine a TLS
            // handshake can take longer, and a timeout would read as DOWN (issue 11 §10: no test
            // depends on the machine's speed). The refusals below are answers, not timeouts.
            new HealthProbeSettings(Duration.ZERO, Duration.ofMinutes(2), Map.of()),
            credentials,
            new NationalServiceTls(credentials));
    URI endpoint = URI.create(url);

    // answered: the service's certificate chains to trust-anchors.pem only (the JDK's store does
    // not know it). Green or amber depends on how long the TLS handshake took on this machine (a
    // loaded machine crosses ServiceHealth.SLOW): what this test proves is that the service
    // answered, not how fast.
    probe.probe(NationalService.EPRESCRIPTION, endpoint);
    assertThat(light().state()).isIn(State.UP, State.DEGRADED);
    assertThat(light().lastSuccess()).isPresent();
    assertThat(light().lastFailure()).isEmpty();

    installInstead(TestClient.WRONG_CA);
    probe.probe(NationalService.EPRESCRIPTION, endpoint);
    assertThat(light().state()).isEqualTo(State.DOWN);
    assertThat(light().lastFailureReason())
        .hasValueSatisfying(
            r -> assertThat(r).startsWith("Certificat de la pharmacie refusé ou absent : "));

    Files.delete(installed.resolve("pharmacy-690100011.p12"));
    Files.delete(installed.resolve("pharmacy-690100029.p12"));
    probe.probe(NationalService.EPRESCRIPTION, endpoint);
    assertThat(light().lastFailureReason())
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith("Certificat de la pharmacie refusé ou absent : Aucun certificat"));
  }
}
