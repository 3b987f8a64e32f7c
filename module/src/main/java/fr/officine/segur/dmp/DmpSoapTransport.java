package fr.officine.segur.dmp;

import static fr.officine.segur.dmp.DmpXml.add;

import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.PharmacyCredentials;
import fr.officine.segur.trust.PharmacyCredentials.Signing;
import fr.officine.segur.trust.tls.NationalServiceTls;
import fr.officine.segur.trust.tls.NationalServiceTls.ClientTls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The one SOAP transport of the DMP's transactions (DOMAIN-FACTS §2.1; issue 14 §4: the
 * transactions are {@link Td02Query} and {@link Iti41ProvideAndRegister}, one class each, as IPF
 * has one package per transaction): TLS as the pharmacy, the SOAP 1.2 envelope with WS-Addressing
 * (Action mustUnderstand, MessageID, To) and the signed VIHF in wsse:Security, MTOM/XOP parts
 * through {@link Mtom} (Jakarta Mail's MIME), the answer's payload or a {@link DmpUnavailable}.
 *
 * <p>Why plain java.net.http and DOM rather than a JAX-WS proxy generated from the ebRIM schemas:
 * the VIHF must be signed over the exact bytes sent (a SOAP stack re-serialising the header breaks
 * exc-c14n digests in subtle ways), each call needs its own hard timeout (1.5 s at the counter for
 * TD0.2, longer for a send from the outbox), and every failure must be classified as technical or
 * business without a stack's exceptions in between.
 */
public final class DmpSoapTransport {
  private final URI base;
  private final Vihf vihf;
  private final PharmacyCredentials credentials;
  private final NationalServiceTls tls;
  private final Duration connectTimeout;

  /** Over plain HTTP: one client for every pharmacy (no certificate to present). */
  private final HttpClient plainHttp;

  /**
   * Over https: one client per pharmacy, so a connection never carries another pharmacy's
   * certificate.
   */
  private final Map<String, PharmacyHttp> byPharmacy = new ConcurrentHashMap<>();

  private final Clock clock;
  private final DmpCallObserver observer;

  /**
   * @param base e.g. {@code http://localhost:8090/dmp}; services at {@code /patients}, {@code
   *     /repository}
   */
  public DmpSoapTransport(
      URI base,
      Vihf vihf,
      PharmacyCredentials credentials,
      NationalServiceTls tls,
      Duration connectTimeout,
      Clock clock,
      DmpCallObserver observer) {
    this.observer = observer;
    this.base = base;
    this.vihf = vihf;
    this.credentials = credentials;
    this.tls = tls;
    this.connectTimeout = connectTimeout;
    this.clock = clock;
    this.plainHttp =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .build();
  }

  Clock clock() {
    return clock;
  }

  private record PharmacyHttp(ClientTls tls, HttpClient client) {}

  /** The HTTP client that calls as pharmacy {@code finess}: its certificate over https. */
  private HttpClient http(String finess) {
    if (!NationalServiceTls.isTls(base.toString())) {
      return plainHttp;
    }
    ClientTls current = tls.forPharmacy(finess);
    return byPharmacy
        .compute(
            finess,
            (f, known) ->
                known != null && known.tls() == current
                    ? known
                    : new PharmacyHttp(
                        current,
                        HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(connectTimeout)
                            .sslContext(current.context())
                            .build()))
        .client();
  }

  /**
   * Makes the first TD0.2 fast: the pharmacy's key read, one VIHF-sized XML signature done (the
   * XML-DSig provider's first use costs hundreds of milliseconds), and one GET on the DMP's address
   * as the pharmacy (TLS handshake, connection kept alive). Any HTTP answer will do.
   *
   * @return the HTTP status of the round trip
   */
  public int warmUp(String finess, Duration timeout) throws IOException, InterruptedException {
    Signing seal = seal(finess);
    SubmissionSignature.sign(Map.of("urn:oid:2.25.0", new byte[] {0}), seal, clock.instant());
    HttpResponse<Void> r =
        http(finess)
            .send(
                HttpRequest.newBuilder(URI.create(base + "/patients"))
                    .timeout(timeout)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    return r.statusCode();
  }

  /**
   * The pharmacy's signing ("cachet") certificate, which signs the VIHF and the submission set; not
   * installed, expired or not a seal = the DMP cannot be called, say why. (The authentication
   * certificate only opens the TLS session: {@link NationalServiceTls}.)
   */
  Signing seal(String finess) {
    try {
      return credentials.seal(finess);
    } catch (ProblemException e) {
      throw new DmpUnavailable(e.getMessage(), e);
    }
  }

  /**
   * Sends one envelope; returns the Body's payload, or throws DmpUnavailable. Its VIHF is signed
   * with {@code seal} when the caller already read it (ITI-41 signs the submission set with it too:
   * one read of the pharmacy's key per send), else with the pharmacy's seal read here.
   */
  Element call(
      String path,
      String action,
      Element payload,
      DmpActor actor,
      Optional<Signing> seal,
      Map<String, byte[]> parts,
      Duration timeout) {
    long start = System.nanoTime();
    try {
      Element answer = exchange(path, action, payload, actor, seal, parts, timeout);
      observer.answered(Duration.ofNanos(System.nanoTime() - start));
      return answer;
    } catch (DmpUnavailable e) {
      observer.failed(Duration.ofNanos(System.nanoTime() - start), e);
      throw e;
    }
  }

  private Element exchange(
      String path,
      String action,
      Element payload,
      DmpActor actor,
      Optional<Signing> seal,
      Map<String, byte[]> parts,
      Duration timeout) {
    URI to = URI.create(base + path);
    Signing signing = seal.orElseGet(() -> seal(actor.pharmacyFiness()));
    Document doc = DmpXml.newDocument();
    Element env = doc.createElementNS(DmpXml.SOAP12, "soap:Envelope");
    env.setAttributeNS(DmpXml.XMLNS, "xmlns:wsa", DmpXml.WSA);
    doc.appendChild(env);
    Element header = add(env, DmpXml.SOAP12, "soap:Header");
    Element a = add(header, DmpXml.WSA, "wsa:Action", action);
    a.setAttributeNS(DmpXml.SOAP12, "soap:mustUnderstand", "true");
    add(header, DmpXml.WSA, "wsa:MessageID", "urn:uuid:" + UUID.randomUUID());
    add(header, DmpXml.WSA, "wsa:To", to.toString());
    vihf.append(header, actor, signing);
    add(env, DmpXml.SOAP12, "soap:Body").appendChild(doc.importNode(payload, true));
    Document wire = DmpXml.parse(DmpXml.bytes(doc));
    Vihf.sign(wire, signing);
    byte[] envelope = DmpXml.bytes(wire);

    HttpRequest.Builder request = HttpRequest.newBuilder(to).timeout(timeout);
    if (parts.isEmpty()) {
      request
          .header("Content-Type", "application/soap+xml; charset=UTF-8; action=\"" + action + "\"")
          .POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
    } else {
      Mtom.Package mtom = Mtom.write(envelope, action, parts);
      request
          .header("Content-Type", mtom.contentType())
          .POST(HttpRequest.BodyPublishers.ofByteArray(mtom.body()));
    }
    HttpResponse<byte[]> response;
    try {
      response =
          http(actor.pharmacyFiness())
              .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ProblemException e) {
      throw new DmpUnavailable(e.getMessage(), e);
    } catch (HttpConnectTimeoutException e) {
      // no connection: the request never left
      throw new DmpUnavailable(
          "DMP injoignable (pas de connexion en " + connectTimeout.toMillis() + " ms).", e);
    } catch (HttpTimeoutException e) {
      // connected, request written, no answer in time: the DMP may have done it
      throw new DmpUnavailable(
          "Le DMP ne répond pas dans le délai (" + timeout.toMillis() + " ms).", e, true);
    } catch (IOException e) {
      // the certificate problem as the cause: the health light tells it from an unreachable DMP
      throw tls.explain(
              e, actor.pharmacyFiness(), base.toString(), (int) connectTimeout.toMillis(), "Le DMP")
          .map(refused -> new DmpUnavailable(refused.getMessage(), refused))
          .orElseGet(
              () ->
                  new DmpUnavailable(
                      "DMP injoignable (" + e.getClass().getSimpleName() + ").",
                      e,
                      // refused or unresolved: nothing was sent; any other cut (reset, closed
                      // before the answer) may come after the DMP read the whole request
                      !(e instanceof ConnectException
                          || e instanceof UnknownHostException
                          || e instanceof NoRouteToHostException)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DmpUnavailable("Appel au DMP interrompu.", e);
    }
    Optional<Element> answer =
        Mtom.envelope(response.headers().firstValue("Content-Type").orElse(""), response.body());
    if (answer.isEmpty()) {
      throw new DmpUnavailable(
          "Le DMP a répondu HTTP " + response.statusCode() + " sans message SOAP.");
    }
    Element body =
        DmpXml.child(answer.get(), DmpXml.SOAP12, "Body")
            .orElseThrow(() -> new DmpUnavailable("Réponse du DMP sans corps SOAP."));
    Element content =
        DmpXml.children(body).stream()
            .findFirst()
            .orElseThrow(() -> new DmpUnavailable("Réponse du DMP vide."));
    if (DmpXml.SOAP12.equals(content.getNamespaceURI()) && "Fault".equals(content.getLocalName())) {
      throw fault(content);
    }
    return content;
  }

  /**
   * A SOAP fault is never a business answer of the DMP (those come as RegistryErrors or TD0.2
   * codes): the service is down (Receiver) or refused the envelope (VIHF, addressing), which a
   * later attempt with a fixed configuration may pass. Hence "unavailable", with its reason.
   */
  private static DmpUnavailable fault(Element fault) {
    String reason =
        DmpXml.descendants(fault, DmpXml.SOAP12, "Text").stream()
            .findFirst()
            .map(DmpXml::text)
            .orElse("");
    String code =
        DmpXml.descendants(fault, DmpXml.SOAP12, "Detail").stream()
            .flatMap(d -> DmpXml.children(d).stream())
            .map(e -> e.getAttribute("code"))
            .filter(c -> !c.isEmpty())
            .findFirst()
            .orElse("");
    return new DmpUnavailable(
        "DMP : "
            + (reason.isEmpty() ? "erreur SOAP" : reason)
            + (code.isEmpty() ? "" : " (" + code + ")"));
  }
}
