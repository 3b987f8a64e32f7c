package fr.officine.segur.dmp;

import static fr.officine.segur.dmp.DmpXml.HL7;
import static fr.officine.segur.dmp.DmpXml.add;

import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.PharmacyCredentials;
import fr.officine.segur.trust.PharmacyCredentials.Signing;
import fr.officine.segur.trust.tls.NationalServiceTls;
import fr.officine.segur.trust.tls.NationalServiceTls.ClientTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The DMP's SOAP services as the module calls them (DOMAIN-FACTS §2.1): SOAP 1.2, WS-Addressing
 * (Action mustUnderstand, MessageID, To), the signed VIHF in wsse:Security; ITI-41 as MTOM/XOP (the
 * CDA travels as a binary MIME part). One class per national operation is the IPF habit; here the
 * two operations share the envelope and the transport, and each has its own method.
 *
 * <p>Why plain java.net.http and DOM rather than a JAX-WS proxy generated from the ebRIM schemas:
 * the VIHF must be signed over the exact bytes sent (a SOAP stack re-serialising the header breaks
 * exc-c14n digests in subtle ways), each call needs its own hard timeout (1.5 s at the counter for
 * TD0.2, longer for a send from the outbox), and every failure must be classified as technical or
 * business without a stack's exceptions in between. The request is checked against IPF's
 * ebRIM/IHEXDSB schemas in the tests (XdsSubmissionTest).
 */
public final class DmpClient {
  public static final String ACTION_ITI41 = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
  public static final String ACTION_TD02 = "urn:hl7-org:v3:PRPA_IN201307UV02";
  private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final URI base;
  private final Vihf vihf;
  private final PharmacyCredentials credentials;
  private final NationalServiceTls tls;
  private final Duration connectTimeout;
  /** Over plain HTTP: one client for every pharmacy (no certificate to present). */
  private final HttpClient plainHttp;
  /** Over https: one client per pharmacy, so a connection never carries another pharmacy's certificate. */
  private final Map<String, PharmacyHttp> byPharmacy = new ConcurrentHashMap<>();
  private final Duration sendTimeout;
  private final Clock clock;
  private final DmpCallObserver observer;

  /**
   * @param base e.g. {@code http://localhost:8090/dmp}; services at {@code /patients}, {@code
   *     /repository}
   */
  public DmpClient(
      URI base,
      Vihf vihf,
      PharmacyCredentials credentials,
      NationalServiceTls tls,
      Duration connectTimeout,
      Duration sendTimeout,
      Clock clock) {
    this(base, vihf, credentials, tls, connectTimeout, sendTimeout, clock, DmpCallObserver.NONE);
  }

  public DmpClient(
      URI base,
      Vihf vihf,
      PharmacyCredentials credentials,
      NationalServiceTls tls,
      Duration connectTimeout,
      Duration sendTimeout,
      Clock clock,
      DmpCallObserver observer) {
    this.observer = observer;
    this.base = base;
    this.vihf = vihf;
    this.credentials = credentials;
    this.tls = tls;
    this.connectTimeout = connectTimeout;
    this.sendTimeout = sendTimeout;
    this.clock = clock;
    this.plainHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
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
   * XML-DSig provider's first use costs hundreds of milliseconds), and one GET on the DMP's
   * address as the pharmacy (TLS handshake, connection kept alive). Any HTTP answer will do.
   *
   * @return the HTTP status of the round trip
   */
  public int warmUp(String finess) throws IOException, InterruptedException {
    Signing seal = seal(finess);
    SubmissionSignature.sign(Map.of("urn:oid:2.25.0", new byte[] {0}), seal, clock.instant());
    HttpResponse<Void> r =
        http(finess)
            .send(
                HttpRequest.newBuilder(URI.create(base + "/patients")).timeout(sendTimeout).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    return r.statusCode();
  }

  /**
   * The pharmacy's signing ("cachet") certificate, which signs the VIHF and the submission set;
   * not installed, expired or not a seal = the DMP cannot be called, say why. (The authentication
   * certificate only opens the TLS session: {@link NationalServiceTls}.)
   */
  private Signing seal(String finess) {
    try {
      return credentials.seal(finess);
    } catch (ProblemException e) {
      throw new DmpUnavailable(e.getMessage(), e);
    }
  }

  /** TD0.2: does the patient have a DMP, may this professional access it. */
  public Td02Answer td02(DmpActor actor, Duration timeout) {
    Document doc = DmpXml.newDocument();
    Element r = doc.createElementNS(HL7, "PRPA_IN201307UV02");
    r.setAttribute("ITSVersion", "XML_1.0");
    doc.appendChild(r);
    add(r, HL7, "id").setAttribute("root", UUID.randomUUID().toString());
    add(r, HL7, "creationTime").setAttribute("value", HL7_TS.format(clock.instant().atOffset(ZoneOffset.UTC)));
    Element interaction = add(r, HL7, "interactionId");
    interaction.setAttribute("root", "2.16.840.1.113883.1.6");
    interaction.setAttribute("extension", "PRPA_IN201307UV02");
    add(r, HL7, "processingCode").setAttribute("code", "D");
    add(r, HL7, "processingModeCode").setAttribute("code", "T");
    add(r, HL7, "acceptAckCode").setAttribute("code", "AL");
    Element receiver = add(r, HL7, "receiver");
    receiver.setAttribute("typeCode", "RCV");
    Element dmp = device(receiver);
    add(dmp, HL7, "id").setAttribute("root", "1.2.250.1.213.4.1.1.1");
    add(dmp, HL7, "softwareName", "DMP");
    Element sender = add(r, HL7, "sender");
    sender.setAttribute("typeCode", "SND");
    add(device(sender), HL7, "softwareName", "officine-segur");
    Element act = add(r, HL7, "controlActProcess");
    act.setAttribute("classCode", "CACT");
    act.setAttribute("moodCode", "EVN");
    Element reason = add(act, HL7, "reasonCode");
    reason.setAttribute("code", "TEST_EXST");
    reason.setAttribute("codeSystem", "1.2.250.1.213.1.1.4.11");
    Element query = add(act, HL7, "queryByParameter");
    add(query, HL7, "queryId").setAttribute("root", UUID.randomUUID().toString());
    add(query, HL7, "statusCode").setAttribute("code", "new");
    add(query, HL7, "responsePriorityCode").setAttribute("code", "I");
    Element id = add(add(query, HL7, "parameterList"), HL7, "patientIdentifier");
    Element value = add(id, HL7, "value");
    value.setAttribute("root", actor.patient().oid());
    value.setAttribute("extension", actor.patient().number());
    add(id, HL7, "semanticsText", "Patient.id");

    Element payload = call("/patients", ACTION_TD02, r, actor, Map.of(), timeout);
    Map<String, String> lines = new LinkedHashMap<>();
    for (Element line : DmpXml.descendants(payload, HL7, "attentionLine")) {
      String key = DmpXml.child(line, HL7, "keyWordText").map(DmpXml::text).orElse("");
      String v = DmpXml.child(line, HL7, "value").map(DmpXml::text).orElse("");
      lines.put(key, v);
    }
    String code =
        DmpXml.descendants(payload, HL7, "queryResponseCode").stream()
            .findFirst()
            .map(e -> e.getAttribute("code"))
            .orElseThrow(() -> new DmpUnavailable("Réponse TD0.2 du DMP sans queryResponseCode."));
    return new Td02Answer(code, lines);
  }

  /** ITI-41: provides and registers one document; the RegistryResponse as the DMP gave it. */
  public RegistryAnswer provideAndRegister(DmpActor actor, XdsSubmission.Submission submission) {
    Element request =
        XdsSubmission.request(
            submission, Optional.of(seal(actor.pharmacyFiness())));
    // the document moves to a binary MIME part (MTOM/XOP): no base64 inflation on the wire
    Map<String, byte[]> parts = new LinkedHashMap<>();
    for (Element d : DmpXml.descendants(request, DmpXml.XDSB, "Document")) {
      String cid = UUID.randomUUID() + "@officine-segur";
      parts.put(cid, Base64.getDecoder().decode(DmpXml.text(d)));
      d.setTextContent("");
      add(d, DmpXml.XOP, "xop:Include").setAttribute("href", "cid:" + cid);
    }
    Element payload = call("/repository", ACTION_ITI41, request, actor, parts, sendTimeout);
    String status = payload.getAttribute("status");
    List<RegistryAnswer.Error> errors =
        DmpXml.descendants(payload, DmpXml.RS, "RegistryError").stream()
            .map(e -> new RegistryAnswer.Error(e.getAttribute("errorCode"), e.getAttribute("codeContext")))
            .toList();
    if (!"RegistryResponse".equals(payload.getLocalName()) || status.isEmpty()) {
      throw new DmpUnavailable("Réponse ITI-41 du DMP inattendue (" + payload.getLocalName() + ").");
    }
    return new RegistryAnswer(status.endsWith(":Success"), errors);
  }

  private static Element device(Element parent) {
    Element device = add(parent, HL7, "device");
    device.setAttribute("classCode", "DEV");
    device.setAttribute("determinerCode", "INSTANCE");
    return device;
  }

  /** Sends one envelope; returns the Body's payload, or throws DmpUnavailable. */
  private Element call(
      String path, String action, Element payload, DmpActor actor, Map<String, byte[]> parts, Duration timeout) {
    long start = System.nanoTime();
    try {
      Element answer = exchange(path, action, payload, actor, parts, timeout);
      observer.answered(Duration.ofNanos(System.nanoTime() - start));
      return answer;
    } catch (DmpUnavailable e) {
      observer.failed(Duration.ofNanos(System.nanoTime() - start), e);
      throw e;
    }
  }

  private Element exchange(
      String path, String action, Element payload, DmpActor actor, Map<String, byte[]> parts, Duration timeout) {
    URI to = URI.create(base + path);
    Signing signing = seal(actor.pharmacyFiness());
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
      String boundary = "uuid:" + UUID.randomUUID();
      String root = "root.message@officine-segur";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ascii(out, "--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8;"
          + " type=\"application/soap+xml\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <" + root + ">\r\n\r\n");
      out.writeBytes(envelope);
      for (Map.Entry<String, byte[]> p : parts.entrySet()) {
        ascii(out, "\r\n--" + boundary + "\r\nContent-Type: text/xml\r\nContent-Transfer-Encoding: binary\r\n"
            + "Content-ID: <" + p.getKey() + ">\r\n\r\n");
        out.writeBytes(p.getValue());
      }
      ascii(out, "\r\n--" + boundary + "--\r\n");
      request
          .header("Content-Type", "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary
              + "\"; start=\"<" + root + ">\"; start-info=\"application/soap+xml\"; action=\"" + action + "\"")
          .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
    }
    HttpResponse<byte[]> response;
    try {
      response = http(actor.pharmacyFiness()).send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ProblemException e) {
      throw new DmpUnavailable(e.getMessage(), e);
    } catch (HttpTimeoutException e) {
      throw new DmpUnavailable("Le DMP ne répond pas dans le délai (" + timeout.toMillis() + " ms).", e);
    } catch (IOException e) {
      // the certificate problem as the cause: the health light tells it from an unreachable DMP
      throw tls.explain(e, actor.pharmacyFiness(), base.toString(), (int) connectTimeout.toMillis(), "Le DMP")
          .map(refused -> new DmpUnavailable(refused.getMessage(), refused))
          .orElseGet(() -> new DmpUnavailable("DMP injoignable (" + e.getClass().getSimpleName() + ").", e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DmpUnavailable("Appel au DMP interrompu.", e);
    }
    Optional<Element> answer = envelope(response);
    if (answer.isEmpty()) {
      throw new DmpUnavailable("Le DMP a répondu HTTP " + response.statusCode() + " sans message SOAP.");
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
        DmpXml.descendants(fault, DmpXml.SOAP12, "Text").stream().findFirst().map(DmpXml::text).orElse("");
    String code =
        DmpXml.descendants(fault, DmpXml.SOAP12, "Detail").stream()
            .flatMap(d -> DmpXml.children(d).stream())
            .map(e -> e.getAttribute("code"))
            .filter(c -> !c.isEmpty())
            .findFirst()
            .orElse("");
    return new DmpUnavailable("DMP : " + (reason.isEmpty() ? "erreur SOAP" : reason) + (code.isEmpty() ? "" : " (" + code + ")"));
  }

  /** The SOAP envelope of an answer: plain SOAP 1.2, or the root part of an MTOM answer. */
  private static Optional<Element> envelope(HttpResponse<byte[]> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    byte[] body = response.body();
    try {
      if (type.startsWith("application/soap+xml") || type.startsWith("text/xml")) {
        return Optional.of(DmpXml.parse(body).getDocumentElement());
      }
      if (type.startsWith("multipart/related")) {
        return rootPart(type, body).map(b -> DmpXml.parse(b).getDocumentElement());
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<byte[]> rootPart(String type, byte[] body) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
    if (!m.find()) {
      return Optional.empty();
    }
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + m.group(1);
    int start = text.indexOf(delimiter);
    if (start < 0) {
      return Optional.empty();
    }
    int headersEnd = text.indexOf("\r\n\r\n", start);
    int end = text.indexOf("\r\n" + delimiter, headersEnd);
    if (headersEnd < 0 || end < 0) {
      return Optional.empty();
    }
    return Optional.of(text.substring(headersEnd + 4, end).getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }
}
