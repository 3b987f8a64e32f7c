package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.faults.FaultModes;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * /dmp/registry: ITI-18 Registry Stored Query, FindDocuments ($XDSDocumentEntryPatientId and
 * $XDSDocumentEntryStatus required, Approved is the only status held) and GetDocuments (by
 * $XDSDocumentEntryUniqueId or $XDSDocumentEntryEntryUUID, exactly one of them: how a client whose
 * ITI-41 got no answer learns whether its document was registered), LeafClass or ObjectRef. Only
 * the documents of the VIHF's patient are answered. A professional does not see documents masked to
 * professionals (confidentialityCode MASQUE_PS) unless he wrote them; a blocked professional or a
 * closed/absent DMP gets the same refusals as ITI-41.
 */
@WebServiceProvider(
    serviceName = "DocumentRegistry_Service",
    portName = "DocumentRegistry_Port_Soap12",
    targetNamespace = "urn:ihe:iti:xds-b:2007",
    wsdlLocation = "/ihe/wsdl/iti18.wsdl")
@ServiceMode(jakarta.xml.ws.Service.Mode.MESSAGE)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public final class RegistryEndpoint extends DmpSoapService {
  private final XdsSchemas schemas;
  private final DmpRules rules;
  private final DmpStore store;

  RegistryEndpoint(
      FaultModes faults, VihfVerifier vihf, XdsSchemas schemas, DmpRules rules, DmpStore store) {
    super(faults, vihf, DmpNames.ACTION_ITI18, DmpNames.ACTION_ITI18_RESPONSE);
    this.schemas = schemas;
    this.rules = rules;
    this.store = store;
  }

  @Override
  protected Element handle(Element payload, Vihf vihf, Document answer) {
    try {
      return found(answer, query(payload, vihf), leafClass(payload));
    } catch (XdsRefusal r) {
      return failure(answer, r.errors());
    }
  }

  private List<DmpDocument> query(Element request, Vihf vihf) {
    if (!Xml.QUERY.equals(request.getNamespaceURI())
        || !"AdhocQueryRequest".equals(request.getLocalName())) {
      throw new XdsRefusal(RegistryError.REGISTRY_ERROR, "query:AdhocQueryRequest attendu.");
    }
    List<String> schemaErrors = schemas.errors(request);
    if (!schemaErrors.isEmpty()) {
      throw new XdsRefusal(
          RegistryError.REGISTRY_ERROR,
          "Non conforme au schéma ebRS query : " + schemaErrors.get(0));
    }
    Element query = Xml.child(request, Xml.RIM, "AdhocQuery").orElseThrow();
    if (DmpNames.GET_DOCUMENTS.equals(query.getAttribute("id"))) {
      return getDocuments(query, vihf);
    }
    if (!DmpNames.FIND_DOCUMENTS.equals(query.getAttribute("id"))) {
      throw new XdsRefusal(
          RegistryError.UNKNOWN_STORED_QUERY,
          "Requête "
              + query.getAttribute("id")
              + " non prise en charge par le bac à sable (FindDocuments et GetDocuments seulement).");
    }
    List<String> patient = Ebrim.slot(query, "$XDSDocumentEntryPatientId");
    List<String> status = Ebrim.slot(query, "$XDSDocumentEntryStatus");
    if (patient.size() != 1 || status.isEmpty()) {
      throw new XdsRefusal(
          RegistryError.STORED_QUERY_PARAM,
          "FindDocuments : $XDSDocumentEntryPatientId (une valeur) et $XDSDocumentEntryStatus sont obligatoires.");
    }
    InsId ins =
        InsId.parseCx(unquote(patient.get(0)))
            .orElseThrow(
                () ->
                    new XdsRefusal(
                        RegistryError.UNKNOWN_PATIENT,
                        "$XDSDocumentEntryPatientId : '<INS>^^^&<OID INS>&ISO^NH' attendu."));
    if (!ins.ins().equals(vihf.resourceIns())) {
      throw new XdsRefusal(
          RegistryError.PATIENT_MISMATCH,
          "Le patient de la requête n'est pas celui du VIHF (resource-id).");
    }
    boolean approved =
        status.stream()
            .flatMap(s -> List.of(s.replaceAll("[()]", "").split(",")).stream())
            .map(RegistryEndpoint::unquote)
            .anyMatch(DmpNames.APPROVED::equals);
    List<String> acting = vihf.rpps().map(List::of).orElse(List.of());
    rules.forReading(ins.ins(), acting);
    if (!approved) {
      return List.of();
    }
    return store.documents(ins.ins()).stream().filter(d -> visible(d, acting)).toList();
  }

  /**
   * GetDocuments: the entries named by uniqueId or entryUUID (one of the two, as ITI-18 says), of
   * the VIHF's patient only: a professional reads one patient's DMP at a time.
   */
  private List<DmpDocument> getDocuments(Element query, Vihf vihf) {
    List<String> uniqueIds = values(Ebrim.slot(query, "$XDSDocumentEntryUniqueId"));
    List<String> entryUuids = values(Ebrim.slot(query, "$XDSDocumentEntryEntryUUID"));
    if (uniqueIds.isEmpty() == entryUuids.isEmpty()) {
      throw new XdsRefusal(
          RegistryError.STORED_QUERY_PARAM,
          "GetDocuments : $XDSDocumentEntryUniqueId ou $XDSDocumentEntryEntryUUID attendu (un seul"
              + " des deux).");
    }
    List<String> acting = vihf.rpps().map(List::of).orElse(List.of());
    rules.forReading(vihf.resourceIns(), acting);
    List<DmpDocument> named =
        uniqueIds.isEmpty()
            ? store.documents(vihf.resourceIns()).stream()
                .filter(d -> entryUuids.contains(d.entryUuid()))
                .toList()
            : uniqueIds.stream().flatMap(u -> store.document(u).stream()).toList();
    return named.stream()
        .filter(d -> d.ins().equals(vihf.resourceIns()))
        .filter(d -> visible(d, acting))
        .toList();
  }

  /** A document masked to professionals is still seen by the one who wrote it. */
  private static boolean visible(DmpDocument d, List<String> acting) {
    return !d.hiddenFromProfessionals() || acting.contains(d.authorRpps());
  }

  /** A multi-valued slot's values: each slot value may be one value or a list "('a','b')". */
  private static List<String> values(List<String> slot) {
    return slot.stream()
        .flatMap(s -> List.of(s.strip().replaceAll("^\\(|\\)$", "").split(",")).stream())
        .map(RegistryEndpoint::unquote)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  private static boolean leafClass(Element request) {
    return Xml.child(request, Xml.QUERY, "ResponseOption")
        .map(o -> "LeafClass".equals(o.getAttribute("returnType")))
        .orElse(false);
  }

  private static String unquote(String s) {
    String t = s.strip();
    return t.length() >= 2 && t.startsWith("'") && t.endsWith("'")
        ? t.substring(1, t.length() - 1)
        : t;
  }

  private static Element found(Document doc, List<DmpDocument> documents, boolean leafClass) {
    Element response = doc.createElementNS(Xml.QUERY, "query:AdhocQueryResponse");
    response.setAttribute("status", DmpNames.SUCCESS);
    Element list = doc.createElementNS(Xml.RIM, "rim:RegistryObjectList");
    response.appendChild(list);
    for (DmpDocument d : documents) {
      if (leafClass) {
        list.appendChild(doc.importNode(metadata(d), true));
      } else {
        Element ref = doc.createElementNS(Xml.RIM, "rim:ObjectRef");
        ref.setAttribute("id", d.entryUuid());
        list.appendChild(ref);
      }
    }
    return response;
  }

  private static Element metadata(DmpDocument d) {
    try {
      return Xml.parse(d.metadata().getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .getDocumentElement();
    } catch (SAXException e) {
      throw new IllegalStateException("stored metadata of " + d.entryUuid() + " unreadable", e);
    }
  }

  private static Element failure(Document doc, List<RegistryError> errors) {
    Element response = doc.createElementNS(Xml.QUERY, "query:AdhocQueryResponse");
    response.setAttribute("status", DmpNames.FAILURE);
    response.appendChild(RegistryResponses.errorList(doc, errors));
    return response;
  }

  @Override
  protected Element unavailable(Document answer) {
    return failure(
        answer,
        List.of(
            RegistryError.of(
                RegistryError.REGISTRY_BUSY,
                "Service DMP momentanément indisponible, réessayer plus tard.")));
  }
}
