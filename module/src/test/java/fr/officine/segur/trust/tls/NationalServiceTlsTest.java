package fr.officine.segur.trust.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.prescription.SoapEPrescriptionBase;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.sandbox.pki.TestPki;
import fr.officine.segur.sandbox.pki.TestPki.TestClient;
import fr.officine.segur.testing.FakeEPrescriptionBase;
import fr.officine.segur.testing.MutualTlsBase;
import fr.officine.segur.trust.CallerContext;
import fr.officine.segur.trust.PharmacyCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module's SOAP client over mutual TLS, against a real JAX-WS endpoint on an HTTPS loopback
 * port that requires a client certificate from the test PKI (the sandbox's IGC-Santé stand-in).
 */
class NationalServiceTlsTest {
  static final CallerContext MARCHE =
      new CallerContext(
          "690100011", "Pharmacie du Marché", Optional.of("10100000016"), "Claire MARTIN");
  static final CallerContext ARCADES =
      new CallerContext(
          "690100029", "Pharmacie des Arcades", Optional.of("10100000032"), "Louis BERNARD");
  static final String NUMBER = "TLS000000000000001";

  static MutualTlsBase service;
  static FakeEPrescriptionBase base;
  static String url;

  @TempDir Path installed;

  @BeforeAll
  static void start() throws Exception {
    service = MutualTlsBase.start(NUMBER);
    base = service.base();
    url = service.url();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  /** What the pharmacy installed: a copy of what the authority issued, which a test may change. */
  @BeforeEach
  void install() throws Exception {
    service.installIssued(installed);
    base.clientCertificates.clear();
  }

  SoapEPrescriptionBase client() {
    return SoapEPrescriptionBase.at(
        url, 2000, 4000, new NationalServiceTls(new PharmacyCredentials(installed)));
  }

  @Test
  void each_call_presents_the_certificate_of_the_pharmacy_it_acts_for() {
    SoapEPrescriptionBase client = client();

    client.consult(PrescriptionNumber.of(NUMBER), MARCHE);
    client.consult(PrescriptionNumber.of(NUMBER), ARCADES);
    client.consult(PrescriptionNumber.of(NUMBER), MARCHE);

    // the keep-alive connection of one pharmacy is never reused for the other
    assertThat(base.clientCertificates)
        .hasSize(3)
        .satisfiesExactly(
            a -> assertThat(a).contains("OU=1690100011", "CN=INSI-AUTO"),
            b -> assertThat(b).contains("OU=1690100029", "CN=INSI-AUTO"),
            a -> assertThat(a).contains("OU=1690100011"));
  }

  @Test
  void a_certificate_replaced_between_two_calls_is_the_one_the_next_call_uses() throws Exception {
    SoapEPrescriptionBase client = client();
    client.consult(PrescriptionNumber.of(NUMBER), MARCHE);

    // a certificate the service refuses: a port that kept the first one would still be let in
    replace(TestClient.WRONG_CA);

    // the port of the first call is kept for the next (SoapPorts), its certificate is not
    assertThatThrownBy(() -> client.consult(PrescriptionNumber.of(NUMBER), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.ORGANISATION_CERTIFICATE_INVALID));
    assertThat(base.clientCertificates).hasSize(1);
  }

  @Test
  void a_certificate_the_service_does_not_recognise_is_a_french_problem_not_a_hang()
      throws Exception {
    replace(TestClient.WRONG_CA);

    assertThatThrownBy(() -> client().consult(PrescriptionNumber.of(NUMBER), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.ORGANISATION_CERTIFICATE_INVALID);
              assertThat(p.detail())
                  .contains(
                      "La base ordonnance numérique a refusé le certificat de l'organisation");
            });
    // "not a hang" is the problem type itself: a timeout would be EPRESCRIPTION_UNAVAILABLE, not a
    // certificate refusal (no elapsed-time bound: a loaded machine may be slow to hand-shake)
    assertThat(base.clientCertificates).isEmpty();
  }

  @Test
  void an_expired_certificate_is_refused_by_the_module_itself_before_any_call() throws Exception {
    replace(TestClient.EXPIRED);

    assertThatThrownBy(() -> client().consult(PrescriptionNumber.of(NUMBER), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.ORGANISATION_CERTIFICATE_INVALID);
              assertThat(p.detail())
                  .contains("pharmacy-690100011.p12", "n'est valide que du", "renouvelé");
            });
    assertThat(base.clientCertificates).isEmpty();
  }

  @Test
  void a_missing_certificate_names_the_file_to_install() throws Exception {
    Files.delete(installed.resolve("pharmacy-690100011.p12"));

    assertThatThrownBy(() -> client().consult(PrescriptionNumber.of(NUMBER), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.ORGANISATION_CERTIFICATE_MISSING);
              assertThat(p.type().title()).startsWith("Certificat de l'organisation non installé");
              assertThat(p.detail())
                  .contains(installed.resolve("pharmacy-690100011.p12").toString());
            });
    // the other pharmacy is not affected
    client().consult(PrescriptionNumber.of(NUMBER), ARCADES);
  }

  @Test
  void a_service_whose_certificate_does_not_chain_to_the_trust_anchors_is_not_called()
      throws Exception {
    // trust the organisations CA of another PKI only: the service's certificate is not from it
    try (TestPki other = TestPki.temporary(Clock.systemUTC())) {
      Files.copy(
          other.issuedDirectory().resolve("trust-anchors.pem"),
          installed.resolve("trust-anchors.pem"),
          StandardCopyOption.REPLACE_EXISTING);
    }

    assertThatThrownBy(() -> client().consult(PrescriptionNumber.of(NUMBER), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.ORGANISATION_CERTIFICATE_INVALID);
              assertThat(p.detail()).contains("n'est pas reconnu par le module");
            });
    assertThat(base.clientCertificates).isEmpty();
  }

  @Test
  void a_renewed_certificate_is_presented_without_a_restart() throws Exception {
    SoapEPrescriptionBase client = client();
    client.consult(PrescriptionNumber.of(NUMBER), MARCHE);
    String before = base.clientCertificates.get(0);

    // the authority issues the same pharmacy a new certificate (here: the test PKI's wrong-CN one)
    replace(TestClient.WRONG_CN);
    client.consult(PrescriptionNumber.of(NUMBER), MARCHE);

    assertThat(base.clientCertificates).hasSize(2);
    assertThat(base.clientCertificates.get(1)).isNotEqualTo(before);
  }

  private void replace(TestClient with) throws Exception {
    service.installInstead(installed, "690100011", with);
  }
}
