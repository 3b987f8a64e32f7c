package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.faults.FaultMode;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.SandboxService;
import fr.officine.segur.sandbox.pki.TlsPeers;
import jakarta.annotation.Resource;
import jakarta.xml.soap.AttachmentPart;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.xml.namespace.QName;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * What the three DMP services share (DOMAIN-FACTS §2.1): SOAP 1.2, WS-Addressing (Action checked,
 * MessageID required, the answer carries Action, MessageID and RelatesTo), the VIHF in
 * wsse:Security, MTOM/XOP parts put back inline, fault injection of the "dmp" service.
 *
 * <p>The request is serialized once and parsed again as plain DOM: the VIHF signature is checked on
 * that DOM (a SOAP stack's object model is not a faithful input for canonicalization), and the
 * schema validation and the rules read it too.
 */
abstract class DmpSoapService implements Provider<SOAPMessage> {
  private static final System.Logger LOG = System.getLogger(DmpSoapService.class.getName());

  private final FaultModes faults;
  private final VihfVerifier vihfVerifier;
  private final String requestAction;
  private final String responseAction;

  /** Injected by the JAX-WS runtime: the HTTP exchange, hence the TLS client certificate. */
  @Resource private WebServiceContext context;

  DmpSoapService(
      FaultModes faults, VihfVerifier vihfVerifier, String requestAction, String responseAction) {
    this.faults = faults;
    this.vihfVerifier = vihfVerifier;
    this.requestAction = requestAction;
    this.responseAction = responseAction;
  }

  /** The body's payload for a request whose addressing and VIHF are valid. */
  protected abstract Element handle(Element payload, Vihf vihf, Document answer);

  /** The service's own "unavailable" answer (fault mode "error"). */
  protected abstract Element unavailable(Document answer);

  @Override
  public SOAPMessage invoke(SOAPMessage request) {
    try {
      Element envelope = plainEnvelope(request);
      String messageId = checkAddressing(envelope);
      Document answer = Xml.newDocument();
      if (faults.of(SandboxService.DMP).mode() == FaultMode.Mode.ERROR) {
        return respond(unavailable(answer), messageId);
      }
      Vihf vihf = vihfVerifier.verify(envelope, TlsPeers.clientCertificate(context));
      Element body = Xml.child(envelope, Xml.SOAP12, "Body").orElseThrow();
      List<Element> payload = Xml.children(body);
      if (payload.size() != 1) {
        throw new SecurityFault(
            Xml.SOAP12,
            "Sender",
            "REQUETE_INVALIDE",
            "Un seul élément est attendu dans le corps SOAP.");
      }
      return respond(handle(payload.get(0), vihf, answer), messageId);
    } catch (SecurityFault f) {
      LOG.log(System.Logger.Level.INFO, "DMP request refused: {0} {1}", f.code(), f.getMessage());
      return fault(f);
    }
  }

  /** XOP parts put back inline (base64), then the envelope serialized and parsed as plain DOM. */
  private static Element plainEnvelope(SOAPMessage request) {
    try {
      for (Element include :
          Xml.descendants(request.getSOAPPart().getDocumentElement(), Xml.XOP, "Include")) {
        String href = include.getAttribute("href");
        AttachmentPart part = attachment(request, href);
        byte[] bytes = part.getRawContentBytes();
        Element parent = (Element) include.getParentNode();
        parent.removeChild(include);
        parent.setTextContent(Base64.getEncoder().encodeToString(bytes));
      }
      Document plain = Xml.parse(Xml.bytes(request.getSOAPPart()));
      return plain.getDocumentElement();
    } catch (SOAPException | SAXException e) {
      throw new SecurityFault(
          Xml.SOAP12, "Sender", "REQUETE_INVALIDE", "Message SOAP illisible : " + e.getMessage());
    }
  }

  private static AttachmentPart attachment(SOAPMessage message, String href) {
    String cid = href.startsWith("cid:") ? href.substring(4) : href;
    String decoded = java.net.URLDecoder.decode(cid, java.nio.charset.StandardCharsets.UTF_8);
    Iterator<AttachmentPart> parts = message.getAttachments();
    while (parts.hasNext()) {
      AttachmentPart p = parts.next();
      String id = p.getContentId() == null ? "" : p.getContentId().replaceAll("^<|>$", "");
      if (id.equals(cid) || id.equals(decoded)) {
        return p;
      }
    }
    throw new SecurityFault(
        Xml.SOAP12, "Sender", "REQUETE_INVALIDE", "Partie MTOM introuvable : " + href);
  }

  private String checkAddressing(Element envelope) {
    Element header =
        Xml.child(envelope, Xml.SOAP12, "Header")
            .orElseThrow(
                () ->
                    addressing(
                        "MessageAddressingHeaderRequired", "En-têtes WS-Addressing absents."));
    String action =
        Xml.child(header, Xml.WSA, "Action")
            .map(Xml::text)
            .orElseThrow(() -> addressing("MessageAddressingHeaderRequired", "wsa:Action absent."));
    if (!requestAction.equals(action)) {
      throw addressing(
          "ActionNotSupported", "wsa:Action " + action + " : " + requestAction + " attendu ici.");
    }
    return Xml.child(header, Xml.WSA, "MessageID")
        .map(Xml::text)
        .filter(s -> !s.isEmpty())
        .orElseThrow(() -> addressing("MessageAddressingHeaderRequired", "wsa:MessageID absent."));
  }

  private static SecurityFault addressing(String subcode, String message) {
    return new SecurityFault(Xml.WSA, subcode, "WSA_" + subcode.toUpperCase(Locale.ROOT), message);
  }

  private SOAPMessage respond(Element payload, String relatesTo) {
    try {
      SOAPMessage out = MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL).createMessage();
      var header = out.getSOAPHeader();
      header.addHeaderElement(new QName(Xml.WSA, "Action", "wsa")).setTextContent(responseAction);
      header
          .addHeaderElement(new QName(Xml.WSA, "MessageID", "wsa"))
          .setTextContent("urn:uuid:" + UUID.randomUUID());
      header.addHeaderElement(new QName(Xml.WSA, "RelatesTo", "wsa")).setTextContent(relatesTo);
      var body = out.getSOAPBody();
      body.appendChild(body.getOwnerDocument().importNode(payload, true));
      out.saveChanges();
      return out;
    } catch (SOAPException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SOAPMessage fault(SecurityFault f) {
    try {
      SOAPMessage out = MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL).createMessage();
      boolean receiver = "Receiver".equals(f.subcode());
      SOAPFault fault =
          out.getSOAPBody()
              .addFault(
                  receiver ? SOAPConstants.SOAP_RECEIVER_FAULT : SOAPConstants.SOAP_SENDER_FAULT,
                  f.getMessage(),
                  Locale.FRENCH);
      if (!Xml.SOAP12.equals(f.subcodeNamespace())) {
        String prefix = Xml.WSA.equals(f.subcodeNamespace()) ? "wsa" : "wsse";
        fault.appendFaultSubcode(new QName(f.subcodeNamespace(), f.subcode(), prefix));
      }
      fault
          .addDetail()
          .addDetailEntry(new QName(DmpNames.SANDBOX_NS, "erreur", "dmp"))
          .addAttribute(new QName("code"), f.code());
      out.saveChanges();
      return out;
    } catch (SOAPException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Declares the WS-Security and WS-Addressing headers as understood: clients mark them
   * mustUnderstand, and this service does process them (in {@link #invoke}).
   */
  static final class UnderstoodHeaders implements SOAPHandler<SOAPMessageContext> {
    @Override
    public Set<QName> getHeaders() {
      return Set.of(
          new QName(Xml.WSSE, "Security"),
          new QName(Xml.WSA, "Action"),
          new QName(Xml.WSA, "To"),
          new QName(Xml.WSA, "MessageID"),
          new QName(Xml.WSA, "ReplyTo"),
          new QName(Xml.WSA, "From"),
          new QName(Xml.WSA, "FaultTo"));
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
      return true;
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
      return true;
    }

    @Override
    public void close(MessageContext context) {
      // nothing held
    }
  }
}
