package fr.officine.segur.sandbox.dmp;

import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPConnection;
import jakarta.xml.soap.SOAPConnectionFactory;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A pharmacy software's DMP calls, for tests: the SOAP 1.2 envelope with WS-Addressing and the
 * signed VIHF in wsse:Security, sent either by SAAJ (inline base64) or as MTOM/XOP multipart over
 * java.net.http (the documents as binary parts), the answer parsed back as plain DOM.
 */
final class DmpTestClient {
  private final String baseUrl;
  private final HttpClient http;

  DmpTestClient(String baseUrl) {
    this(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  /** Over {@code http}: e.g. the TLS listener with a pharmacy's authentication certificate. */
  DmpTestClient(String baseUrl, HttpClient http) {
    this.baseUrl = baseUrl;
    this.http = http;
  }

  /** The answer: the SOAP envelope (or nothing for a non-SOAP answer) and the HTTP status. */
  record Answer(int httpStatus, Optional<Element> envelope, String raw) {
    Element payload() {
      Element body =
          Xml.child(
                  envelope.orElseThrow(() -> new AssertionError("no SOAP answer: " + raw)),
                  Xml.SOAP12,
                  "Body")
              .orElseThrow();
      return Xml.children(body).get(0);
    }

    String status() {
      return payload().getAttribute("status");
    }

    List<String> errorCodes() {
      return Xml.descendants(payload(), Xml.RS, "RegistryError").stream()
          .map(e -> e.getAttribute("errorCode"))
          .toList();
    }

    List<String> errorContexts() {
      return Xml.descendants(payload(), Xml.RS, "RegistryError").stream()
          .map(e -> e.getAttribute("codeContext"))
          .toList();
    }

    /** The sandbox code of a SOAP fault (Detail/dmp:erreur/@code), empty when not a fault. */
    Optional<String> faultCode() {
      if (!"Fault".equals(payload().getLocalName())) {
        return Optional.empty();
      }
      return Xml.descendants(payload(), DmpNames.SANDBOX_NS, "erreur").stream()
          .map(e -> e.getAttribute("code"))
          .findFirst();
    }

    String faultSubcode() {
      return Xml.descendants(payload(), Xml.SOAP12, "Subcode").stream()
          .flatMap(s -> Xml.child(s, Xml.SOAP12, "Value").stream())
          .map(Xml::text)
          .findFirst()
          .orElse("");
    }

    String header(String localName) {
      Element header = Xml.child(envelope.orElseThrow(), Xml.SOAP12, "Header").orElseThrow();
      return Xml.child(header, Xml.WSA, localName).map(Xml::text).orElse("");
    }
  }

  /** An envelope as an LPS builds it; {@code action} null leaves wsa:Action out. */
  static Document envelope(
      String to, String action, String messageId, String payloadXml, VihfBuilder vihf)
      throws Exception {
    Document doc = Xml.newDocument();
    Element env = doc.createElementNS(Xml.SOAP12, "soap:Envelope");
    env.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsa", Xml.WSA);
    doc.appendChild(env);
    Element header = doc.createElementNS(Xml.SOAP12, "soap:Header");
    env.appendChild(header);
    if (action != null) {
      Element a = doc.createElementNS(Xml.WSA, "wsa:Action");
      a.setAttributeNS(Xml.SOAP12, "soap:mustUnderstand", "true");
      a.setTextContent(action);
      header.appendChild(a);
    }
    Element id = doc.createElementNS(Xml.WSA, "wsa:MessageID");
    id.setTextContent(messageId);
    header.appendChild(id);
    Element toElement = doc.createElementNS(Xml.WSA, "wsa:To");
    toElement.setTextContent(to);
    header.appendChild(toElement);
    if (vihf != null) {
      Element security = doc.createElementNS(Xml.WSSE, "wsse:Security");
      security.setAttributeNS(Xml.SOAP12, "soap:mustUnderstand", "true");
      header.appendChild(security);
      vihf.build(security);
    }
    Element body = doc.createElementNS(Xml.SOAP12, "soap:Body");
    env.appendChild(body);
    Element payload = Xml.parse(payloadXml.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
    body.appendChild(doc.importNode(payload, true));
    Document wire = Xml.parse(Xml.bytes(doc));
    if (vihf != null) {
      vihf.signIn(wire);
    }
    return wire;
  }

  /** Through SAAJ's SOAPConnection: the message as a plain SOAP 1.2 envelope. */
  Answer call(String path, String action, String payloadXml, VihfBuilder vihf) throws Exception {
    String url = baseUrl + path;
    byte[] bytes =
        Xml.bytes(envelope(url, action, "urn:uuid:" + UUID.randomUUID(), payloadXml, vihf));
    MimeHeaders headers = new MimeHeaders();
    headers.addHeader("Content-Type", "application/soap+xml; charset=utf-8");
    SOAPMessage request =
        MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL)
            .createMessage(headers, new ByteArrayInputStream(bytes));
    SOAPConnection connection = SOAPConnectionFactory.newInstance().createConnection();
    try {
      SOAPMessage response = connection.call(request, url);
      byte[] raw = Xml.bytes(response.getSOAPPart());
      return new Answer(
          200,
          Optional.of(Xml.parse(raw).getDocumentElement()),
          new String(raw, StandardCharsets.UTF_8));
    } finally {
      connection.close();
    }
  }

  /** As MTOM/XOP: every xdsb:Document travels as a binary MIME part referenced by xop:Include. */
  Answer callMtom(String path, String action, String payloadXml, VihfBuilder vihf)
      throws Exception {
    String url = baseUrl + path;
    Document doc = envelope(url, action, "urn:uuid:" + UUID.randomUUID(), payloadXml, vihf);
    Map<String, byte[]> parts = new LinkedHashMap<>();
    for (Element d : Xml.descendants(doc.getDocumentElement(), Xml.XDSB, "Document")) {
      String cid = UUID.randomUUID() + "@officine-segur";
      parts.put(cid, Base64.getDecoder().decode(Xml.text(d)));
      d.setTextContent("");
      Element include = doc.createElementNS(Xml.XOP, "xop:Include");
      include.setAttribute("href", "cid:" + cid);
      d.appendChild(include);
    }
    String boundary = "uuid:" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String root = "root.message@officine-segur";
    write(
        out,
        "--"
            + boundary
            + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
            + "Content-Transfer-Encoding: binary\r\nContent-ID: <"
            + root
            + ">\r\n\r\n");
    out.write(Xml.bytes(doc));
    for (Map.Entry<String, byte[]> p : parts.entrySet()) {
      write(
          out,
          "\r\n--"
              + boundary
              + "\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n"
              + "Content-ID: <"
              + p.getKey()
              + ">\r\n\r\n");
      out.write(p.getValue());
    }
    write(out, "\r\n--" + boundary + "--\r\n");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header(
                "Content-Type",
                "multipart/related; type=\"application/xop+xml\"; boundary=\""
                    + boundary
                    + "\"; start=\"<"
                    + root
                    + ">\"; start-info=\"application/soap+xml\"; action=\""
                    + action
                    + "\"")
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    String raw = new String(response.body(), StandardCharsets.UTF_8);
    String type = response.headers().firstValue("Content-Type").orElse("");
    Optional<Element> envelope =
        type.startsWith("application/soap+xml")
            ? Optional.of(Xml.parse(response.body()).getDocumentElement())
            : Optional.empty();
    return new Answer(response.statusCode(), envelope, raw);
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  // ------------------------------------------------------------ the three transactions

  Answer provideAndRegister(Iti41Request request, VihfBuilder vihf) throws Exception {
    return call(Dmp.REPOSITORY, DmpNames.ACTION_ITI41, request.xml(), vihf);
  }

  Answer findDocuments(String ins, VihfBuilder vihf) throws Exception {
    String query =
        "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">"
            + "<query:ResponseOption returnType=\"LeafClass\" returnComposedObjects=\"true\"/>"
            + "<rim:AdhocQuery id=\""
            + DmpNames.FIND_DOCUMENTS
            + "\">"
            + "<rim:Slot name=\"$XDSDocumentEntryPatientId\"><rim:ValueList><rim:Value>'"
            + ins
            + "^^^&amp;1.2.250.1.213.1.4.8&amp;ISO^NH'</rim:Value></rim:ValueList></rim:Slot>"
            + "<rim:Slot name=\"$XDSDocumentEntryStatus\"><rim:ValueList><rim:Value>('"
            + DmpNames.APPROVED
            + "')</rim:Value></rim:ValueList></rim:Slot>"
            + "</rim:AdhocQuery></query:AdhocQueryRequest>";
    return call(Dmp.REGISTRY, DmpNames.ACTION_ITI18, query, vihf);
  }

  /** ITI-18 GetDocuments by uniqueId, ObjectRef answer (a test client: the module builds DOM). */
  Answer getDocuments(String uniqueId, VihfBuilder vihf) throws Exception {
    String query =
        "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">"
            + "<query:ResponseOption returnType=\"ObjectRef\" returnComposedObjects=\"false\"/>"
            + "<rim:AdhocQuery id=\""
            + DmpNames.GET_DOCUMENTS
            + "\">"
            + "<rim:Slot name=\"$XDSDocumentEntryUniqueId\"><rim:ValueList><rim:Value>('"
            + uniqueId
            + "')</rim:Value></rim:ValueList></rim:Slot>"
            + "</rim:AdhocQuery></query:AdhocQueryRequest>";
    return call(Dmp.REGISTRY, DmpNames.ACTION_ITI18, query, vihf);
  }

  Answer td02(String ins, VihfBuilder vihf) throws Exception {
    String request =
        "<PRPA_IN201307UV02 xmlns=\"urn:hl7-org:v3\" ITSVersion=\"XML_1.0\">"
            + "<id root=\""
            + UUID.randomUUID()
            + "\"/><creationTime value=\"20261123101500\"/>"
            + "<interactionId root=\"2.16.840.1.113883.1.6\" extension=\"PRPA_IN201307UV02\"/>"
            + "<processingCode code=\"D\"/><processingModeCode code=\"T\"/><acceptAckCode code=\"AL\"/>"
            + "<receiver typeCode=\"RCV\"><device classCode=\"DEV\" determinerCode=\"INSTANCE\"><id root=\"1.2.250.1.213.4.1.1.1\"/><softwareName>DMP</softwareName></device></receiver>"
            + "<sender typeCode=\"SND\"><device classCode=\"DEV\" determinerCode=\"INSTANCE\"><id root=\"1.2.250.1.999.4\"/></device></sender>"
            + "<controlActProcess classCode=\"CACT\" moodCode=\"EVN\">"
            + "<reasonCode code=\"TEST_EXST\" codeSystem=\"1.2.250.1.213.1.1.4.11\"/>"
            + "<queryByParameter><queryId root=\""
            + UUID.randomUUID()
            + "\"/><statusCode code=\"new\"/>"
            + "<responsePriorityCode code=\"I\"/><parameterList><patientIdentifier>"
            + "<value root=\"1.2.250.1.213.1.4.8\" extension=\""
            + ins
            + "\"/><semanticsText>Patient.id</semanticsText>"
            + "</patientIdentifier></parameterList></queryByParameter></controlActProcess></PRPA_IN201307UV02>";
    return call(Dmp.PATIENTS, DmpNames.ACTION_TD02, request, vihf);
  }
}
