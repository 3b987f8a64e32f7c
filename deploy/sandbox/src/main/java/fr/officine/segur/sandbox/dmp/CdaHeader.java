package fr.officine.segur.sandbox.dmp;

import static fr.officine.segur.sandbox.dmp.DmpNames.DE_PATIENT_ID;
import static fr.officine.segur.sandbox.dmp.DmpNames.DE_TYPE;
import static fr.officine.segur.sandbox.dmp.DmpNames.DE_UNIQUE_ID;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The DocumentEntry must say what the CDA header says (ANS mapping XDS, IG transmission CDA-R2
 * {@code mapping.md}: uniqueId = ClinicalDocument/id, typeCode = ClinicalDocument/code, title =
 * ClinicalDocument/title, patientId = the INS of recordTarget, serviceStopTime only with
 * serviceEvent/effectiveTime/high): a mismatch is a content finding, refused with the document.
 */
final class CdaHeader {
  private CdaHeader() {}

  static List<CdaConformance.Finding> mismatches(Element entry, byte[] cda) {
    List<CdaConformance.Finding> out = new ArrayList<>();
    Element doc;
    try {
      doc = Xml.parse(cda).getDocumentElement();
    } catch (SAXException e) {
      return out; // the XSD check reports an unreadable document
    }
    Optional<Element> id = Xml.child(doc, Xml.HL7, "id");
    String cdaId =
        id.map(
                i ->
                    i.getAttribute("root")
                        + (i.getAttribute("extension").isEmpty()
                            ? ""
                            : "^" + i.getAttribute("extension")))
            .orElse("");
    compare(
        out,
        "uniqueId",
        Ebrim.externalId(entry, DE_UNIQUE_ID).orElse(""),
        cdaId,
        "ClinicalDocument/id");
    String typeCode =
        Ebrim.codes(entry, DE_TYPE).stream().findFirst().map(Ebrim.Code::code).orElse("");
    compare(
        out,
        "typeCode",
        typeCode,
        Xml.child(doc, Xml.HL7, "code").map(c -> c.getAttribute("code")).orElse(""),
        "ClinicalDocument/code");
    compare(
        out,
        "title",
        Ebrim.name(entry),
        Xml.child(doc, Xml.HL7, "title").map(Xml::text).orElse(""),
        "ClinicalDocument/title");
    String patient =
        Ebrim.externalId(entry, DE_PATIENT_ID).flatMap(InsId::parseCx).map(InsId::ins).orElse("");
    boolean sameIns =
        Xml.path(doc, Xml.HL7, "recordTarget", "patientRole").stream()
            .flatMap(r -> Xml.children(r, Xml.HL7, "id").stream())
            .anyMatch(
                i ->
                    InsId.KNOWN_OIDS.contains(i.getAttribute("root"))
                        && patient.equals(i.getAttribute("extension")));
    if (!sameIns) {
      out.add(
          new CdaConformance.Finding(
              "en-tête",
              "DocumentEntry.patientId (" + patient + ") n'est pas l'INS de recordTarget du CDA."));
    }
    boolean high =
        Xml.descendants(doc, Xml.HL7, "serviceEvent").stream()
            .flatMap(e -> Xml.children(e, Xml.HL7, "effectiveTime").stream())
            .anyMatch(t -> !Xml.children(t, Xml.HL7, "high").isEmpty());
    if (Ebrim.firstSlot(entry, "serviceStopTime").isPresent() && !high) {
      out.add(
          new CdaConformance.Finding(
              "en-tête",
              "DocumentEntry.serviceStopTime sans serviceEvent/effectiveTime/high dans le CDA."));
    }
    return out;
  }

  private static void compare(
      List<CdaConformance.Finding> out, String name, String metadata, String header, String where) {
    if (!metadata.equals(header)) {
      out.add(
          new CdaConformance.Finding(
              "en-tête",
              "DocumentEntry."
                  + name
                  + " « "
                  + metadata
                  + " » ≠ "
                  + where
                  + " « "
                  + header
                  + " »."));
    }
  }
}
