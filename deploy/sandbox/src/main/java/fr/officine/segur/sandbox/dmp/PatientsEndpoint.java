package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.faults.FaultModes;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * /dmp/patients: TD0.2, "test d'existence du DMP et autorisation d'accès" (DOMAIN-FACTS §2.2).
 *
 * <p>Request: HL7 v3 PRPA_IN201307UV02 (interactionId, controlActProcess/reasonCode TEST_EXST,
 * queryByParameter/parameterList/patientIdentifier/value root = INS OID, extension = INS). The HL7
 * v3 schemas are not used (IPF's hl7v3 artifact is heavy, and the real DMP's TD0.2 schema is not
 * public): the few fields are read with DOM and checked; the answer is a minimal PRPA_IN201308UV02
 * built the way the DMP's is described: acknowledgement AA/AE, queryAck queryResponseCode OK (a DMP
 * exists, open or closed) / NF (no DMP) / AE (bad request), attentionLine AUTORISATION = VALIDE /
 * INTERDIT (this professional is blocked) / NON_EXISTE (no open DMP), and the sandbox's own
 * attentionLines STATUT_DMP (ACTIF/FERME/AUCUN), DATE_FERMETURE (YYYYMMDD), MOTIF_FERMETURE,
 * OPPOSITION_ALIMENTATION (OUI/NON); a closed DMP also has registrationEvent statusCode
 * "terminated" with effectiveTime/high = the closing date.
 */
@WebServiceProvider(
    serviceName = "DmpPatients_Service",
    portName = "DmpPatients_Port_Soap12",
    targetNamespace = "urn:hl7-org:v3")
@ServiceMode(jakarta.xml.ws.Service.Mode.MESSAGE)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public final class PatientsEndpoint extends DmpSoapService {
  private static final String INTERACTION_OID = "2.16.840.1.113883.1.6";
  private static final String DMP_DEVICE = "1.2.250.1.213.4.1.1.1";
  private static final String REASON_OID = "1.2.250.1.213.1.1.4.11";
  private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final DmpStore store;
  private final Clock clock;

  PatientsEndpoint(FaultModes faults, VihfVerifier vihf, DmpStore store) {
    super(faults, vihf, DmpNames.ACTION_TD02, DmpNames.ACTION_TD02_RESPONSE);
    this.store = store;
    this.clock = store.clock();
  }

  /** What TD0.2 answers for one patient and one professional. */
  record Td02(String queryResponseCode, String authorisation, Optional<DmpPatient> patient) {}

  @Override
  protected Element handle(Element request, Vihf vihf, Document answer) {
    // what reached the DMP, refused or not: lets a test prove an INS was never sent
    store.recordStatusQuery(vihf.resourceIns(), vihf.psId(), vihf.authenticationMode());
    Optional<String> error = check(request, vihf);
    if (error.isPresent()) {
      return answer(answer, request, new Td02("AE", "NON_EXISTE", Optional.empty()), error, vihf);
    }
    Optional<DmpPatient> patient = store.patient(vihf.resourceIns());
    return answer(answer, request, status(patient, vihf), Optional.empty(), vihf);
  }

  static Td02 status(Optional<DmpPatient> patient, Vihf vihf) {
    if (patient.isEmpty() || patient.get().status() == DmpPatient.Status.AUCUN) {
      return new Td02("NF", "NON_EXISTE", patient);
    }
    DmpPatient p = patient.get();
    if (p.status() == DmpPatient.Status.FERME) {
      return new Td02("OK", "NON_EXISTE", patient);
    }
    boolean blocked = vihf.rpps().map(p::blocks).orElse(false);
    return new Td02("OK", blocked ? "INTERDIT" : "VALIDE", patient);
  }

  /**
   * The request's problem, in French, or empty when it is a well-formed TD0.2 for the VIHF's
   * patient.
   */
  private static Optional<String> check(Element request, Vihf vihf) {
    if (!Xml.HL7.equals(request.getNamespaceURI())
        || !"PRPA_IN201307UV02".equals(request.getLocalName())) {
      return Optional.of("PRPA_IN201307UV02 (urn:hl7-org:v3) attendu.");
    }
    boolean interaction =
        Xml.child(request, Xml.HL7, "interactionId")
            .filter(
                i ->
                    INTERACTION_OID.equals(i.getAttribute("root"))
                        && "PRPA_IN201307UV02".equals(i.getAttribute("extension")))
            .isPresent();
    if (!interaction) {
      return Optional.of("interactionId " + INTERACTION_OID + " / PRPA_IN201307UV02 attendu.");
    }
    boolean reason =
        Xml.path(request, Xml.HL7, "controlActProcess", "reasonCode")
            .filter(
                r ->
                    "TEST_EXST".equals(r.getAttribute("code"))
                        && REASON_OID.equals(r.getAttribute("codeSystem")))
            .isPresent();
    if (!reason) {
      return Optional.of(
          "controlActProcess/reasonCode TEST_EXST (codeSystem " + REASON_OID + ") attendu.");
    }
    Optional<Element> value =
        Xml.path(
            request,
            Xml.HL7,
            "controlActProcess",
            "queryByParameter",
            "parameterList",
            "patientIdentifier",
            "value");
    if (value.isEmpty()) {
      return Optional.of("queryByParameter/parameterList/patientIdentifier/value attendu.");
    }
    String cx =
        value.get().getAttribute("extension")
            + "^^^&"
            + value.get().getAttribute("root")
            + "&ISO^NH";
    Optional<InsId> ins = InsId.parseCx(cx);
    if (ins.isEmpty()) {
      return Optional.of(
          "patientIdentifier : root = OID INS, extension = INS (15 caractères) attendus.");
    }
    if (!ins.get().ins().equals(vihf.resourceIns())) {
      return Optional.of("Le patient interrogé n'est pas celui du VIHF (resource-id).");
    }
    return Optional.empty();
  }

  private Element answer(
      Document doc, Element request, Td02 td02, Optional<String> error, Vihf vihf) {
    Element root = doc.createElementNS(Xml.HL7, "PRPA_IN201308UV02");
    root.setAttribute("ITSVersion", "XML_1.0");
    doc.appendChild(root);
    add(root, "id").setAttribute("root", UUID.randomUUID().toString());
    add(root, "creationTime")
        .setAttribute("value", HL7_TS.format(clock.instant().atOffset(ZoneOffset.UTC)));
    Element interaction = add(root, "interactionId");
    interaction.setAttribute("root", INTERACTION_OID);
    interaction.setAttribute("extension", "PRPA_IN201308UV02");
    add(root, "processingCode").setAttribute("code", "P");
    add(root, "processingModeCode").setAttribute("code", "T");
    add(root, "acceptAckCode").setAttribute("code", "NE");
    Element receiver = add(root, "receiver");
    receiver.setAttribute("typeCode", "RCV");
    device(receiver, Optional.empty(), vihf.lpsName());
    Element sender = add(root, "sender");
    sender.setAttribute("typeCode", "SND");
    device(sender, Optional.of(DMP_DEVICE), "DMP");
    if (error.isEmpty()) {
      attention(root, "AUTORISATION", td02.authorisation());
      td02.patient()
          .ifPresent(
              p -> {
                attention(root, "STATUT_DMP", p.status().name());
                p.closedOn()
                    .ifPresent(
                        d -> attention(root, "DATE_FERMETURE", d.toString().replace("-", "")));
                p.closingReason().ifPresent(r -> attention(root, "MOTIF_FERMETURE", r));
                attention(root, "OPPOSITION_ALIMENTATION", p.opposedToFeeding() ? "OUI" : "NON");
              });
    }
    Element ack = add(root, "acknowledgement");
    add(ack, "typeCode").setAttribute("code", error.isPresent() ? "AE" : "AA");
    Element target = add(ack, "targetMessage");
    Xml.child(request, Xml.HL7, "id").ifPresent(id -> target.appendChild(doc.importNode(id, true)));
    error.ifPresent(
        e -> {
          Element detail = add(ack, "acknowledgementDetail");
          detail.setAttribute("typeCode", "E");
          add(detail, "text").setTextContent(e);
        });
    Element act = add(root, "controlActProcess");
    act.setAttribute("classCode", "CACT");
    act.setAttribute("moodCode", "EVN");
    Element code = add(act, "code");
    code.setAttribute("code", "PRPA_TE201308UV02");
    code.setAttribute("codeSystem", INTERACTION_OID);
    if (error.isEmpty() && "OK".equals(td02.queryResponseCode())) {
      DmpPatient p = td02.patient().orElseThrow();
      Element subject = add(act, "subject");
      subject.setAttribute("typeCode", "SUBJ");
      Element event = add(subject, "registrationEvent");
      event.setAttribute("classCode", "REG");
      event.setAttribute("moodCode", "EVN");
      add(event, "statusCode")
          .setAttribute("code", p.status() == DmpPatient.Status.FERME ? "terminated" : "active");
      p.closedOn()
          .ifPresent(
              d ->
                  add(add(event, "effectiveTime"), "high")
                      .setAttribute("value", d.toString().replace("-", "")));
      Element subject1 = add(event, "subject1");
      subject1.setAttribute("typeCode", "SBJ");
      Element patient = add(subject1, "patient");
      patient.setAttribute("classCode", "PAT");
      Element id = add(patient, "id");
      id.setAttribute("root", vihf.resourceOid());
      id.setAttribute("extension", p.ins());
      add(patient, "statusCode").setAttribute("code", "active");
    }
    Element queryAck = add(act, "queryAck");
    Xml.path(request, Xml.HL7, "controlActProcess", "queryByParameter", "queryId")
        .ifPresent(q -> queryAck.appendChild(doc.importNode(q, true)));
    add(queryAck, "queryResponseCode")
        .setAttribute("code", error.isPresent() ? "AE" : td02.queryResponseCode());
    Xml.path(request, Xml.HL7, "controlActProcess", "queryByParameter")
        .ifPresent(q -> act.appendChild(doc.importNode(q, true)));
    return root;
  }

  private static Element add(Element parent, String name) {
    Element e = parent.getOwnerDocument().createElementNS(Xml.HL7, name);
    parent.appendChild(e);
    return e;
  }

  private static void device(Element parent, Optional<String> id, String softwareName) {
    Element device = add(parent, "device");
    device.setAttribute("classCode", "DEV");
    device.setAttribute("determinerCode", "INSTANCE");
    id.ifPresent(root -> add(device, "id").setAttribute("root", root));
    add(device, "softwareName").setTextContent(softwareName);
  }

  private static void attention(Element root, String key, String value) {
    Element line = add(root, "attentionLine");
    add(line, "keyWordText").setTextContent(key);
    Element v = add(line, "value");
    v.setAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "xsi:type", "ST");
    v.setTextContent(value);
  }

  @Override
  protected Element unavailable(Document answer) {
    throw new SecurityFault(
        Xml.SOAP12,
        "Receiver",
        "DMP_SERVICE_INDISPONIBLE",
        "Service DMP momentanément indisponible, réessayer plus tard.");
  }
}
