package fr.officine.segur.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.xml.ws.developer.JAXWSProperties;
import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.eprescription.soap.ConsulterEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.EPrescriptionPort;
import fr.officine.segur.sandbox.insi.Insi;
import fr.officine.segur.sandbox.insi.InsiRequests;
import fr.officine.segur.sandbox.insi.InsiSeeds;
import fr.officine.segur.sandbox.insi.soap.Erreur;
import fr.officine.segur.sandbox.insi.soap.ICIRService;
import fr.officine.segur.sandbox.insi.soap.ICIRV1;
import fr.officine.segur.sandbox.insi.soap.resultat.Resultat;
import fr.officine.segur.sandbox.pki.TestPki.TestClient;
import fr.officine.segur.sandbox.seed.Seeder;
import jakarta.xml.ws.BindingProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sandbox's TLS listener over real sockets, with clients set up from the generated files only
 * (PKCS#12 + password file + trust-anchors.pem): a pharmacy's certificate gets real SOAP answers;
 * no certificate, another CA, an expired or a revoked certificate are refused at the handshake,
 * each for its own reason (the server's log line says which).
 */
class MutualTlsTest extends InMemorySandboxTest {
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final Logger tlsLog = Logger.getLogger(TlsListener.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          refusals.add(
              r.getParameters() == null
                  ? r.getMessage()
                  : MessageFormat.format(r.getMessage(), r.getParameters()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureRefusals() {
    refusals.clear();
    capture.setLevel(Level.ALL);
    tlsLog.addHandler(capture);
  }

  @AfterEach
  void stopCapture() {
    tlsLog.removeHandler(capture);
  }

  @Test
  void pharmacy_certificate_is_accepted_and_insi_answers_over_mutual_tls() throws Exception {
    Resultat r =
        insi(pharmacy(SandboxClient.MARCHE_FINESS))
            .rechercherInsAvecTraitsIdentite(
                InsiRequests.traits("ADRUN", List.of("ZOE"), "F", "1975-12-31", null),
                null,
                InsiRequests.lps(InsiSeeds.ACCEPTED_IDAM),
                InsiRequests.messageId(),
                InsiRequests.bam());

    assertThat(r.getCR().getCodeCR()).isEqualTo("00");
    assertThat(r.getINDIVIDU().getINSACTIF().getIdIndividu().getNumIdentifiant())
        .isEqualTo("2751263220749");
    assertThat(refusals).isEmpty();
  }

  @Test
  void each_seeded_pharmacy_consults_an_eprescription_over_mutual_tls() throws Exception {
    for (String finess : List.of(SandboxClient.MARCHE_FINESS, SandboxClient.ARCADES_FINESS)) {
      ConsulterEPrescription req = new ConsulterEPrescription();
      req.setNumero(Seeder.SUBSTITUTABLE_BRAND);
      var p =
          eprescription(pharmacy(finess))
              .consulterEPrescription(req, SandboxClient.pharmacieDuMarche())
              .getPrescription();
      assertThat(p.getNumero()).as(finess).isEqualTo(Seeder.SUBSTITUTABLE_BRAND);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/eprescription",
        "/dmp/patients",
        "/dmp/repository",
        "/dmp/registry",
        "/insi",
        "/dp"
      })
  void every_soap_service_answers_soap_on_the_tls_port(String path) throws Exception {
    HttpResponse<String> answer =
        soap12(pharmacy(SandboxClient.ARCADES_FINESS), sandbox.tlsBaseUrl() + path);

    // an empty Body is refused by each service in its own terms: a SOAP 1.2 fault, not a 404
    assertThat(answer.statusCode()).as(answer.body()).isIn(400, 500);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/soap+xml"));
    assertThat(answer.body()).contains("http://www.w3.org/2003/05/soap-envelope").contains("Fault");
  }

  @Test
  void plain_http_sent_to_the_tls_port_fails_at_once_and_is_logged_as_a_failed_handshake()
      throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest get =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + sandbox.tlsPort() + "/eprescription?wsdl"))
            .timeout(Duration.ofSeconds(20))
            .build();

    // an error, not the 20 s timeout: the server does not wait for a non-TLS peer to hang up
    assertThatThrownBy(() -> http.send(get, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
    assertThat(refusalLine()).contains("refused at the handshake: handshake failed (no subject)");
  }

  @Test
  void the_admin_api_is_not_on_the_tls_port() throws Exception {
    HttpClient http =
        HttpClient.newBuilder().sslContext(pharmacy(SandboxClient.MARCHE_FINESS)).build();
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.tlsBaseUrl() + "/sandbox/health")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void a_client_without_certificate_is_refused_at_the_handshake(String protocol) throws Exception {
    SSLHandshakeException refused =
        refusedHandshake(TlsClient.context(sandbox.pkiDirectory(), null), protocol);

    assertThat(refused).hasMessageContaining("Received fatal alert: bad_certificate");
    assertThat(refusalLine()).contains("refused at the handshake: no certificate");
  }

  @Test
  void an_http_client_without_certificate_never_gets_an_http_answer() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(TlsClient.context(sandbox.pkiDirectory(), null))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest get =
        HttpRequest.newBuilder(URI.create(sandbox.tlsBaseUrl() + "/eprescription?wsdl")).build();

    assertThatThrownBy(() -> http.send(get, HttpResponse.BodyHandlers.ofString()))
        .hasRootCauseInstanceOf(SSLHandshakeException.class);
  }

  @ParameterizedTest(name = "{0} over {1}: {2}")
  @CsvSource({
    "WRONG_CA, TLSv1.3, unknown issuer",
    "WRONG_CA, TLSv1.2, unknown issuer",
    "EXPIRED, TLSv1.3, expired",
    "EXPIRED, TLSv1.2, expired",
    "REVOKED, TLSv1.3, revoked",
    "REVOKED, TLSv1.2, revoked"
  })
  void another_ca_an_expired_or_a_revoked_certificate_is_refused_at_the_handshake_for_that_reason(
      TestClient certificate, String protocol, String reason) throws Exception {
    SSLHandshakeException refused = refusedHandshake(testClient(certificate), protocol);

    assertThat(refused).hasMessageContaining("Received fatal alert: certificate_unknown");
    assertThat(refusalLine())
        .contains(
            "refused at the handshake: "
                + reason
                + " (CN=INSI-AUTO,OU=1690100011,O=Pharmacie du Marché,C=FR)");
  }

  @Test
  void wrong_cn_passes_tls_but_insi_answers_desir_560_while_eprescription_serves_it()
      throws Exception {
    SSLContext wrongCn = testClient(TestClient.WRONG_CN);

    assertThatThrownBy(
            () ->
                insi(wrongCn)
                    .rechercherInsAvecTraitsIdentite(
                        InsiRequests.traits("ADRUN", List.of("ZOE"), "F", "1975-12-31", null),
                        null,
                        InsiRequests.lps(InsiSeeds.ACCEPTED_IDAM),
                        InsiRequests.messageId(),
                        InsiRequests.bam()))
        .isInstanceOfSatisfying(
            Erreur.class,
            e -> {
              assertThat(e.getFaultInfo().getCode()).isEqualTo("DESIR_560");
              assertThat(e.getFaultInfo().getMessageID()).isEqualTo(InsiRequests.MSG);
              assertThat(e.getFaultInfo().getValue()).contains("PHARMACIE DU MARCHÉ");
            });

    ConsulterEPrescription req = new ConsulterEPrescription();
    req.setNumero(Seeder.SUBSTITUTABLE_BRAND);
    assertThat(
            eprescription(wrongCn)
                .consulterEPrescription(req, SandboxClient.pharmacieDuMarche())
                .getPrescription()
                .getNumero())
        .isEqualTo(Seeder.SUBSTITUTABLE_BRAND);
    assertThat(refusals).isEmpty();
  }

  @Test
  void the_crl_is_served_over_plain_http_signed_by_the_organisations_ca_and_lists_the_revoked_one()
      throws Exception {
    HttpResponse<byte[]> crlAnswer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/pki/crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertThat(crlAnswer.statusCode()).isEqualTo(200);
    assertThat(crlAnswer.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    X509CRL crl = (X509CRL) x509.generateCRL(new ByteArrayInputStream(crlAnswer.body()));
    X509Certificate ca = sandbox.pki().organisationsCa();
    crl.verify(ca.getPublicKey());
    assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(crl.getNextUpdate()).isAfter(new Date());
    X509Certificate revoked = leaf(sandbox.pki().testClientKeyStore(TestClient.REVOKED));
    X509Certificate expired = leaf(sandbox.pki().testClientKeyStore(TestClient.EXPIRED));
    assertThat(crl.isRevoked(revoked)).isTrue();
    assertThat(crl.isRevoked(expired)).isFalse();
    assertThat(crl.isRevoked(leaf(sandbox.pki().pharmacyKeyStore(SandboxClient.MARCHE_FINESS))))
        .isFalse();

    HttpResponse<String> anchors =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/sandbox/pki/trust-anchors.pem"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anchors.statusCode()).isEqualTo(200);
    assertThat(anchors.body())
        .isEqualTo(Files.readString(sandbox.pkiDirectory().resolve("issued/trust-anchors.pem")));
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Connects, handshakes and reads: with TLS 1.3 the client's side of the handshake is over before
   * the server has judged the client's certificate, so the verdict comes as an alert on the first
   * read; with TLS 1.2 it ends startHandshake. Either way: a handshake exception, never data.
   */
  private SSLHandshakeException refusedHandshake(SSLContext client, String protocol)
      throws Exception {
    try (SSLSocket socket =
        (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", sandbox.tlsPort())) {
      socket.setSoTimeout(10_000);
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      int read = socket.getInputStream().read();
      throw new AssertionError(
          "the handshake went through ("
              + socket.getSession().getProtocol()
              + ", read "
              + read
              + ")");
    } catch (SSLHandshakeException e) {
      return e;
    }
  }

  /**
   * The one refusal line of the test (the server logs it after it sent its alert: wait a little).
   */
  private String refusalLine() throws InterruptedException {
    for (int i = 0; i < 100 && refusals.isEmpty(); i++) {
      Thread.sleep(20);
    }
    assertThat(refusals).hasSize(1);
    return refusals.get(0);
  }

  private static HttpResponse<String> soap12(SSLContext tls, String url) throws Exception {
    String empty =
        "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body/></soap:Envelope>";
    return HttpClient.newBuilder()
        .sslContext(tls)
        .build()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(empty))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private SSLContext pharmacy(String finess) throws Exception {
    return TlsClient.context(sandbox.pkiDirectory(), sandbox.pki().pharmacyKeyStore(finess));
  }

  private SSLContext testClient(TestClient which) throws Exception {
    return TlsClient.context(sandbox.pkiDirectory(), sandbox.pki().testClientKeyStore(which));
  }

  private X509Certificate leaf(Path p12) throws Exception {
    return (X509Certificate)
        TestPki.load(p12, sandbox.pki().password()).getCertificate(TestPki.ALIAS);
  }

  private ICIRService insi(SSLContext tls) {
    ICIRService port = new ICIRV1().getICIRService();
    tls(port, tls, Insi.PATH);
    return port;
  }

  private EPrescriptionPort eprescription(SSLContext tls) {
    // the WSDL is read once over plain HTTP; the calls go to the TLS listener
    EPrescriptionPort port = client.port();
    tls(port, tls, "/eprescription");
    return port;
  }

  private void tls(Object port, SSLContext tls, String path) {
    var context = ((BindingProvider) port).getRequestContext();
    context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, sandbox.tlsBaseUrl() + path);
    context.put(JAXWSProperties.SSL_SOCKET_FACTORY, tls.getSocketFactory());
  }
}
