package fr.officine.segur.dmp;

import static fr.officine.segur.dmp.DmpXml.add;

import fr.officine.segur.trust.PharmacyCredentials.Signing;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Element;

/**
 * ITI-41 Provide and Register Document Set-b (IHE XDS.b, the DMP's repository): one document and
 * its metadata ({@link XdsSubmission}), the document as an MTOM/XOP part. One transaction, over
 * {@link DmpSoapTransport}.
 */
public final class Iti41ProvideAndRegister {
  public static final String ACTION = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";

  private final DmpSoapTransport transport;
  private final Duration timeout;

  /**
   * @param timeout of a send (from the outbox: longer than the counter's TD0.2)
   */
  public Iti41ProvideAndRegister(DmpSoapTransport transport, Duration timeout) {
    this.transport = transport;
    this.timeout = timeout;
  }

  /** ITI-41: provides and registers one document; the RegistryResponse as the DMP gave it. */
  public RegistryAnswer send(DmpActor actor, XdsSubmission.Submission submission) {
    // one read of the pharmacy's seal: it signs the submission set here and the VIHF in the call
    Optional<Signing> seal = Optional.of(transport.seal(actor.pharmacyFiness()));
    Element request = XdsSubmission.request(submission, seal);
    // the document moves to a binary MIME part (MTOM/XOP): no base64 inflation on the wire
    Map<String, byte[]> parts = new LinkedHashMap<>();
    for (Element d : DmpXml.descendants(request, DmpXml.XDSB, "Document")) {
      String cid = UUID.randomUUID() + "@officine-segur";
      parts.put(cid, Base64.getDecoder().decode(DmpXml.text(d)));
      d.setTextContent("");
      add(d, DmpXml.XOP, "xop:Include").setAttribute("href", "cid:" + cid);
    }
    Element payload = transport.call("/repository", ACTION, request, actor, seal, parts, timeout);
    String status = payload.getAttribute("status");
    List<RegistryAnswer.Error> errors =
        DmpXml.descendants(payload, DmpXml.RS, "RegistryError").stream()
            .map(
                e ->
                    new RegistryAnswer.Error(
                        e.getAttribute("errorCode"), e.getAttribute("codeContext")))
            .toList();
    if (!"RegistryResponse".equals(payload.getLocalName()) || status.isEmpty()) {
      throw new DmpUnavailable(
          "Réponse ITI-41 du DMP inattendue (" + payload.getLocalName() + ").");
    }
    return new RegistryAnswer(status.endsWith(":Success"), errors);
  }
}
