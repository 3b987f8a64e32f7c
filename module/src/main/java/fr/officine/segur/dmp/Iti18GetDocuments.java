package fr.officine.segur.dmp;

import static fr.officine.segur.dmp.DmpXml.add;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * ITI-18 Registry Stored Query GetDocuments by uniqueId (IHE XDS.b, the DMP's registry), ObjectRef
 * answer: is this document already registered? Asked before sending again a document whose ITI-41
 * got no answer (timeout, connection cut after the request went out), so that a slow DMP is not
 * sent the whole signed document again when it already holds it. One transaction, over {@link
 * DmpSoapTransport}.
 */
public final class Iti18GetDocuments {
  public static final String ACTION = "urn:ihe:iti:2007:RegistryStoredQuery";

  /** The GetDocuments stored query's id (IHE ITI TF-2a 3.18.4.1.2.3.7.5). */
  static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";

  /** What the registry said about the uniqueId. */
  public enum Found {
    REGISTERED,
    NOT_REGISTERED,
    /** A business refusal of the query (DMP closed, professional blocked…): ITI-41 will say it. */
    REFUSED,
    /** XDSRegistryBusy: still unknown, ask again later. */
    BUSY
  }

  private final DmpSoapTransport transport;
  private final Duration timeout;

  public Iti18GetDocuments(DmpSoapTransport transport, Duration timeout) {
    this.transport = transport;
    this.timeout = timeout;
  }

  /**
   * Whether the document {@code uniqueId} of the actor's patient is registered; throws {@link
   * DmpUnavailable} when the DMP does not answer.
   */
  public Found find(DmpActor actor, String uniqueId) {
    Element answer =
        transport.call(
            "/registry", ACTION, request(uniqueId), actor, Optional.empty(), Map.of(), timeout);
    if (!"AdhocQueryResponse".equals(answer.getLocalName())) {
      throw new DmpUnavailable("Réponse ITI-18 du DMP inattendue (" + answer.getLocalName() + ").");
    }
    return found(answer);
  }

  static Element request(String uniqueId) {
    Document doc = DmpXml.newDocument();
    Element request = doc.createElementNS(DmpXml.QUERY, "query:AdhocQueryRequest");
    request.setAttributeNS(DmpXml.XMLNS, "xmlns:rim", DmpXml.RIM);
    doc.appendChild(request);
    Element option = add(request, DmpXml.QUERY, "query:ResponseOption");
    option.setAttribute("returnType", "ObjectRef");
    option.setAttribute("returnComposedObjects", "false");
    Element query = add(request, DmpXml.RIM, "rim:AdhocQuery");
    query.setAttribute("id", GET_DOCUMENTS);
    Element slot = add(query, DmpXml.RIM, "rim:Slot");
    slot.setAttribute("name", "$XDSDocumentEntryUniqueId");
    add(add(slot, DmpXml.RIM, "rim:ValueList"), DmpXml.RIM, "rim:Value", "('" + uniqueId + "')");
    return request;
  }

  static Found found(Element answer) {
    if (answer.getAttribute("status").endsWith(":Success")) {
      boolean any =
          !DmpXml.descendants(answer, DmpXml.RIM, "ObjectRef").isEmpty()
              || !DmpXml.descendants(answer, DmpXml.RIM, "ExtrinsicObject").isEmpty();
      return any ? Found.REGISTERED : Found.NOT_REGISTERED;
    }
    List<String> codes =
        DmpXml.descendants(answer, DmpXml.RS, "RegistryError").stream()
            .map(e -> e.getAttribute("errorCode"))
            .toList();
    return codes.contains("XDSRegistryBusy") ? Found.BUSY : Found.REFUSED;
  }
}
