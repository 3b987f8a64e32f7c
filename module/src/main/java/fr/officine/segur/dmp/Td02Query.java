package fr.officine.segur.dmp;

import static fr.officine.segur.dmp.DmpXml.HL7;
import static fr.officine.segur.dmp.DmpXml.add;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * TD0.2 (DMP "test d'existence", HL7v3 PRPA_IN201307UV02): does the patient have a DMP, may this
 * professional access it. One transaction, over {@link DmpSoapTransport}.
 */
public final class Td02Query {
  public static final String ACTION = "urn:hl7-org:v3:PRPA_IN201307UV02";
  private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final DmpSoapTransport transport;

  public Td02Query(DmpSoapTransport transport) {
    this.transport = transport;
  }

  /** TD0.2: does the patient have a DMP, may this professional access it. */
  public Td02Answer ask(DmpActor actor, Duration timeout) {
    Document doc = DmpXml.newDocument();
    Element r = doc.createElementNS(HL7, "PRPA_IN201307UV02");
    r.setAttribute("ITSVersion", "XML_1.0");
    doc.appendChild(r);
    add(r, HL7, "id").setAttribute("root", UUID.randomUUID().toString());
    add(r, HL7, "creationTime")
        .setAttribute("value", HL7_TS.format(transport.clock().instant().atOffset(ZoneOffset.UTC)));
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

    Element payload =
        transport.call("/patients", ACTION, r, actor, Optional.empty(), Map.of(), timeout);
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

  private static Element device(Element parent) {
    Element device = add(parent, HL7, "device");
    device.setAttribute("classCode", "DEV");
    device.setAttribute("determinerCode", "INSTANCE");
    return device;
  }
}
