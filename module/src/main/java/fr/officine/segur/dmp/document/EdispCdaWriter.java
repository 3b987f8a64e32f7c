package fr.officine.segur.dmp.document;

import static fr.officine.segur.dmp.document.Dom.add;
import static fr.officine.segur.dmp.document.Dom.text;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.dmp.document.DispensationDocumentData.Line;
import fr.officine.segur.dmp.document.DispensationDocumentData.Pharmacy;
import fr.officine.segur.dmp.document.DispensationDocumentData.Product;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.dmp.document.DispensationDocumentData.Specialty;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the CDA R2 document of a dispensation: CI-SIS eDISP-MED 2024.01 (structured, one {@code
 * supply} per delivered line) that also carries the PDF handed to the patient, in the CI-SIS
 * section FR-Document-PDF-copie. One document for the DMP, not a PDF and a structured twin: CI-SIS
 * asks consumers to display and print that PDF copy first, the structure stays for software.
 *
 * <p>Element order follows CDA_extended.xsd; templateIds, codes and OIDs follow the ANS example
 * {@code eDISP-MED_2024.01.xml} and the eDISP schematron (shared/DOMAIN-FACTS.md §2.5-2.6).
 * Internal ids (section, entries) are name-based UUIDs derived from the document id, so the same
 * data always gives the same bytes: a retried send carries an identical document.
 */
public final class EdispCdaWriter {

  // Identifier roots (DOMAIN-FACTS §2.5).
  static final String OID_PS = "1.2.250.1.71.4.2.1";
  static final String OID_STRUCTURE = "1.2.250.1.71.4.2.2";

  /** Root of e-prescription numbers (EPU), for inFulfillmentOf and the prescription references. */
  static final String OID_EPU = "1.2.250.1.215.500.1.1";

  static final String OID_CIP = "1.2.250.1.213.2.3.2";
  static final String LOINC = "2.16.840.1.113883.6.1";
  static final String TRE_R85_PROFESSION = "1.2.250.1.213.1.1.4.5";
  static final String ACT_CODE = "2.16.840.1.113883.5.4";
  static final String EDQM = "0.4.0.127.0.16.1.1.2.1";

  /** EDQM packaging "Boîte": quantities are counted in boxes. */
  static final String EDQM_BOX = "30009000";

  static final String FORMAT_CODE = "urn:ihe:pharm:dis:2010";

  /**
   * TRE_G15 profession "Pharmacien", the code eDISP fixes for the dispensation section's author.
   */
  static final Specialty PHARMACIEN = new Specialty("G15_21", "Pharmacien");

  static final String TITLE = "Délivrance — ordonnance numérique";

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssxx", Locale.ROOT);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

  /** The CDA bytes (UTF-8) for {@code data}, carrying {@code pdf} as its FR-Document-PDF-copie. */
  public byte[] write(DispensationDocumentData data, byte[] pdf) {
    Document doc = Dom.newDocument();
    doc.setXmlStandalone(true); // no standalone="no" in the declaration
    Element root = doc.createElementNS(Dom.HL7, "ClinicalDocument");
    doc.appendChild(root);
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", Dom.XSI);
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:pharm", Dom.PHARM);
    Ids ids = new Ids(data.ids().xdsUniqueId());

    header(root, data);
    Element body = add(add(root, "component"), "structuredBody");
    dispensationSection(add(body, "component"), data, ids);
    pdfCopySection(add(body, "component"), pdf, ids);
    return Dom.serialize(doc);
  }

  // ---------------------------------------------------------------- header

  private void header(Element root, DispensationDocumentData data) {
    String time = ts(data.dispensedAt());
    add(root, "realmCode", "code", "FR");
    add(root, "typeId", "root", "2.16.840.1.113883.1.3", "extension", "POCD_HD000040");
    add(root, "templateId", "root", "2.16.840.1.113883.2.8.2.1"); // HL7 France
    add(root, "templateId", "root", "1.2.250.1.213.1.1.1.1"); // CI-SIS
    add(root, "templateId", "root", "1.3.6.1.4.1.19376.1.5.3.1.1.1"); // IHE PCC
    add(root, "templateId", "root", "1.3.6.1.4.1.19376.1.9.1.1.3"); // IHE PHARM DIS
    add(root, "templateId", "root", "1.2.250.1.213.1.1.1.54", "extension", "2024.01"); // eDISP-MED
    add(
        root,
        "id",
        "root",
        data.ids().idRoot(),
        "extension",
        data.ids().idExtension().orElse(null));
    add(
        root,
        "code",
        "code",
        "60593-1",
        "displayName",
        "Dispensation médicamenteuse",
        "codeSystem",
        LOINC,
        "codeSystemName",
        "LOINC");
    text(root, "title", TITLE);
    add(root, "effectiveTime", "value", time);
    add(
        root,
        "confidentialityCode",
        "code",
        "N",
        "codeSystem",
        "2.16.840.1.113883.5.25",
        "displayName",
        "Normal");
    add(root, "languageCode", "code", "fr-FR");
    add(
        root,
        "setId",
        "root",
        data.ids().setIdRoot(),
        "extension",
        data.ids().setIdExtension().orElse(null));
    add(root, "versionNumber", "value", Integer.toString(data.ids().version()));

    recordTarget(add(add(root, "recordTarget"), "patientRole"), data);

    Element author = add(root, "author");
    add(author, "time", "value", time);
    Element assignedAuthor = add(author, "assignedAuthor", "classCode", "ASSIGNED");
    professional(
        assignedAuthor,
        data.responsiblePharmacist(),
        data.pharmacy(),
        data.responsiblePharmacist().role().code());

    Element custodian =
        add(add(add(root, "custodian"), "assignedCustodian"), "representedCustodianOrganization");
    structureId(custodian, data.pharmacy());
    text(custodian, "name", data.pharmacy().name());
    address(custodian, data.pharmacy());

    Element legal = add(root, "legalAuthenticator");
    add(legal, "time", "value", time);
    add(legal, "signatureCode", "code", "S");
    professional(
        add(legal, "assignedEntity"),
        data.responsiblePharmacist(),
        data.pharmacy(),
        data.responsiblePharmacist().role().code());

    // The prescriber (CI-SIS participant REF): time = date of the prescription, code = profession /
    // specialty from JDV_J01 (StrucMin CI-SISParticipant: time [1..1], code with code, codeSystem
    // and displayName), as in the ANS eDISP example.
    var prescriber = data.prescriber();
    Element participant = add(root, "participant", "typeCode", "REF");
    Element prescribedOn = add(participant, "time");
    Dom.xsiType(prescribedOn, "IVL_TS");
    add(prescribedOn, "low", "value", DAY.format(prescriber.prescribedOn()));
    Element associated = add(participant, "associatedEntity", "classCode", "PROV");
    add(associated, "id", "root", OID_PS, "extension", "8" + prescriber.rpps().value());
    add(
        associated,
        "code",
        "code",
        prescriber.specialty().code(),
        "displayName",
        prescriber.specialty().displayName(),
        "codeSystem",
        TRE_R85_PROFESSION);
    Element person = add(associated, "associatedPerson");
    name(person, prescriber.givenName(), prescriber.familyName());

    Element order = add(add(root, "inFulfillmentOf"), "order");
    add(order, "id", "root", OID_EPU, "extension", data.prescriptionNumber().value());

    Element serviceEvent = add(add(root, "documentationOf"), "serviceEvent");
    add(
        serviceEvent,
        "code",
        "code",
        "60593-1",
        "displayName",
        "Dispensation médicamenteuse",
        "codeSystem",
        LOINC,
        "codeSystemName",
        "LOINC");
    add(add(serviceEvent, "effectiveTime"), "low", "value", time);
    Element performer = add(serviceEvent, "performer", "typeCode", "PRF");
    professional(
        add(performer, "assignedEntity"),
        data.responsiblePharmacist(),
        data.pharmacy(),
        data.responsiblePharmacist().role().code());

    Element encounter = add(add(root, "componentOf"), "encompassingEncounter");
    add(
        encounter,
        "code",
        "code",
        "AMB",
        "displayName",
        "Ambulatoire (hors établissement)",
        "codeSystem",
        ACT_CODE);
    add(add(encounter, "effectiveTime"), "low", "value", time);
    professional(
        add(add(encounter, "responsibleParty"), "assignedEntity"),
        data.responsiblePharmacist(),
        data.pharmacy(),
        data.responsiblePharmacist().role().code());
    Element facility = add(add(encounter, "location"), "healthCareFacility");
    var sector = DocumentEntryMetadata.PHARMACIE_D_OFFICINE;
    add(
        facility,
        "code",
        "code",
        sector.code(),
        "displayName",
        sector.displayName(),
        "codeSystem",
        sector.codingScheme());
    Element place = add(facility, "location");
    text(place, "name", data.pharmacy().name());
    address(place, data.pharmacy());
  }

  private void recordTarget(Element patientRole, DispensationDocumentData data) {
    var patient = data.patient();
    if (patient.ins().isPresent()) {
      Ins ins = patient.ins().get();
      // CI-SIS: the patient's first id is the INS, root = the OID of its register (NIR, NIA, test).
      add(patientRole, "id", "root", ins.oid(), "extension", ins.number());
    } else {
      // No INS (not sendable to the DMP nor the DP, but printed and kept): CI-SIS still wants a
      // patient id (StrucMin CI-SISRecordTarget, id not nullFlavor), the structure's own one as an
      // IPP would be. The module keeps no patient file (the LGO does): it names the patient of this
      // e-prescription, in an identifier domain of this pharmacy. Never an invented INS.
      add(
          patientRole,
          "id",
          "root",
          localPatientDomain(data.pharmacy()),
          "extension",
          data.prescriptionNumber().value());
    }
    // The INS traits (CI-SIS StrucMin SMDS_CDAClinicalDocument, ANS "INS dans les documents CDA"):
    // first birth first name (given BR), every birth first name in order (given without qualifier,
    // space-separated as INSi gives them), birth name (family BR), sex, birth date, birth place.
    patientTraits(add(patientRole, "patient", "classCode", "PSN"), patient);
  }

  private static void patientTraits(Element person, DispensationDocumentData.Patient patient) {
    Element name = add(person, "name");
    text(name, "given", patient.firstName()).setAttribute("qualifier", "BR");
    text(name, "given", String.join(" ", patient.birthFirstNames()));
    text(name, "family", patient.birthFamilyName()).setAttribute("qualifier", "BR");
    add(
        person,
        "administrativeGenderCode",
        "code",
        patient.sex().name(),
        "displayName",
        patient.sex().label(),
        "codeSystem",
        "2.16.840.1.113883.5.1");
    add(person, "birthTime", "value", DAY.format(patient.birthDate()));
    // Birth place = its INSEE COG code in county (a commune, or 99xxx for a country abroad);
    // unknown
    // without INSi (no INS, or INSi gave none): said so with a nullFlavor, never guessed.
    Element county = add(add(add(add(person, "birthplace"), "place"), "addr"), "county");
    patient
        .birthPlaceCog()
        .ifPresentOrElse(county::setTextContent, () -> county.setAttribute("nullFlavor", "UNK"));
  }

  /**
   * The same document with the patient's traits replaced (name, sex, birth date, birth place), for
   * a document built before the INS was qualified and released by the qualification: it then
   * carries the INSi traits that go with the INS (CI-SIS StrucMin). Only the recordTarget's patient
   * changes; the rest of the bytes (ids, PDF copy) stay as they were. Refused for another patient's
   * INS.
   */
  public byte[] reidentify(byte[] cda, DispensationDocumentData.Patient patient) {
    Document doc = Dom.parse(cda);
    Element role = Dom.first(doc.getDocumentElement(), "recordTarget", "patientRole");
    Element id = Dom.first(role, "id");
    Ins ins =
        patient
            .ins()
            .orElseThrow(() -> new IllegalArgumentException("re-identification needs the INS"));
    if (!ins.oid().equals(id.getAttribute("root"))
        || !ins.number().equals(id.getAttribute("extension"))) {
      throw new IllegalArgumentException("the document names another patient");
    }
    Element person = Dom.first(role, "patient");
    while (person.hasChildNodes()) {
      person.removeChild(person.getFirstChild());
    }
    patientTraits(person, patient);
    return Dom.serialize(doc, false);
  }

  /**
   * id, code, assigned person, represented organization: the order shared by assignedAuthor and
   * assignedEntity in CDA_extended.xsd. {@code code}: the JDV_J01 code of the person's exercise
   * (G15_21/A titulaire d'officine, G15_21/DA adjoint: what the XDS authorSpecialty repeats), or
   * the plain profession where a model fixes it (eDISP section author: G15_21).
   */
  private void professional(Element assigned, Professional who, Pharmacy pharmacy, Specialty code) {
    add(
        assigned,
        "id",
        "root",
        OID_PS,
        "extension",
        who.rpps().map(r -> "8" + r.value()).orElseThrow());
    add(
        assigned,
        "code",
        "code",
        code.code(),
        "displayName",
        code.displayName(),
        "codeSystem",
        TRE_R85_PROFESSION);
    Element person = add(assigned, "assignedPerson");
    name(person, who.givenName(), who.familyName());
    Element org = add(assigned, "representedOrganization");
    structureId(org, pharmacy);
    text(org, "name", pharmacy.name());
    address(org, pharmacy);
    add(
        org,
        "standardIndustryClassCode",
        "code",
        "AMBULATOIRE",
        "displayName",
        "Ambulatoire",
        "codeSystem",
        "1.2.250.1.213.1.1.4.9",
        "codeSystemName",
        "practiceSettingCode");
  }

  /**
   * The OID of "patients of prescriptions served by this pharmacy, as the module knows them": a
   * UUID-derived OID (ITU-T X.667, arc 2.25) named after the FINESS, stable across versions.
   */
  static String localPatientDomain(Pharmacy pharmacy) {
    UUID uuid =
        UUID.nameUUIDFromBytes(
            ("officine-segur/patients-by-prescription/" + pharmacy.finess().value())
                .getBytes(StandardCharsets.UTF_8));
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return "2.25." + new java.math.BigInteger(1, bytes.array());
  }

  private static void structureId(Element org, Pharmacy pharmacy) {
    // Struct_IdNat = "1" + FINESS (DOMAIN-FACTS §2.5).
    add(org, "id", "root", OID_STRUCTURE, "extension", "1" + pharmacy.finess().value());
  }

  /**
   * CI-SIS addresses are either free lines (streetAddressLine only) or structured parts, never both
   * (StrucMin CI-SISAddr): structured here, so postalCode and city stay machine-readable. A leading
   * number ("12", "12 bis") is the houseNumber, the rest the streetName.
   */
  private static void address(Element parent, Pharmacy pharmacy) {
    Element addr = add(parent, "addr");
    java.util.regex.Matcher m = HOUSE_NUMBER.matcher(pharmacy.street().strip());
    if (m.matches()) {
      text(addr, "houseNumber", m.group(1));
      text(addr, "streetName", m.group(2));
    } else {
      text(addr, "streetName", pharmacy.street().strip());
    }
    text(addr, "postalCode", pharmacy.postalCode());
    text(addr, "city", pharmacy.city());
  }

  private static final java.util.regex.Pattern HOUSE_NUMBER =
      java.util.regex.Pattern.compile(
          "(\\d+(?:\\s*(?:bis|ter|quater|[A-Za-z]))?)[\\s,]+(.+)",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  private static void name(Element person, String given, String family) {
    Element name = add(person, "name");
    text(name, "given", given);
    text(name, "family", family);
  }

  // ---------------------------------------------------------------- dispensation section

  private void dispensationSection(Element component, DispensationDocumentData data, Ids ids) {
    Element section = add(component, "section", "classCode", "DOCSECT", "moodCode", "EVN");
    add(
        section,
        "templateId",
        "root",
        "1.3.6.1.4.1.19376.1.9.1.2.3"); // IHE PHARM DIS Dispense Section
    add(section, "templateId", "root", "2.16.840.1.113883.10.20.1.8"); // CCD Medication section
    add(section, "templateId", "root", "1.2.250.1.213.1.1.2.236"); // FR-Dispensation-medicaments
    add(section, "id", "root", ids.of("section-dispensation"));
    add(
        section,
        "code",
        "code",
        "60590-7",
        "displayName",
        "Médicaments délivrés",
        "codeSystem",
        LOINC,
        "codeSystemName",
        "LOINC");
    text(section, "title", "Médicaments délivrés");
    narrative(add(section, "text"), data);

    Element author = add(section, "author");
    add(author, "time", "value", ts(data.dispensedAt()));
    // eDISP S_dispensationMedicaments: the section author's code is exactly G15_21 "Pharmacien".
    professional(
        add(author, "assignedAuthor", "classCode", "ASSIGNED"),
        data.responsiblePharmacist(),
        data.pharmacy(),
        PHARMACIEN);

    // One FR-Traitement-dispense per line, a line not delivered included (quantity 0, its reason in
    // the dispenser note): the structured part says what was not handed over, not only the table.
    List<Line> lines = data.lines();
    for (int i = 0; i < lines.size(); i++) {
      supply(add(section, "entry"), lines.get(i), i + 1, data, ids);
    }
  }

  /** The human-readable table: every line, delivered or not (the entries cover delivered ones). */
  private void narrative(Element text, DispensationDocumentData data) {
    text(text, "paragraph", "Ordonnance numérique n° " + data.prescriptionNumber().value());
    Element table = add(text, "table", "border", "0");
    Element head = add(add(table, "thead"), "tr");
    for (String title :
        List.of(
            "Produit prescrit",
            "Produit délivré",
            "Quantité délivrée",
            "Complétude",
            "Substitution",
            "Reste à délivrer",
            "Remarque")) {
      text(head, "th", title);
    }
    Element body = add(table, "tbody");
    List<Line> lines = data.lines();
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      String n = Integer.toString(i + 1);
      Element tr = add(body, "tr");
      text(tr, "td", label(line.prescribed()));
      content(
          add(tr, "td"),
          "ligne-" + n,
          line.delivered()
              ? label(line.deliveredProduct())
              : "Non délivré : " + label(line.prescribed()));
      text(tr, "td", fr.officine.segur.text.FrenchWords.boxes(line.deliveredBoxes()));
      text(tr, "td", line.completeness().map(c -> c.name() + " — " + c.label()).orElse(""));
      Element substitution = add(tr, "td");
      line.substitute()
          .ifPresent(
              s ->
                  content(
                      substitution, "ligne-" + n + "-substitution", "Substitué par " + s.label()));
      text(tr, "td", fr.officine.segur.text.FrenchWords.boxes(line.remainingBoxes()));
      content(add(tr, "td"), "ligne-" + n + "-note", note(line));
    }
  }

  /**
   * The dispenser's note of a line (FR-Notes-du-dispensateur): CI-SIS asks every supply that has an
   * entryRelationship to carry one (E_supplyEntry_fr), and each line has something to say.
   */
  static String note(Line line) {
    if (!line.delivered()) {
      return "Non délivré. Motif : " + line.notDeliveredReason().orElseThrow().label() + ".";
    }
    String what =
        line.completeness().orElseThrow().label()
            + (line.remainingBoxes() > 0
                ? " ; reste à délivrer : "
                    + fr.officine.segur.text.FrenchWords.boxes(line.remainingBoxes())
                    + "."
                : ".");
    if (line.handwritten()) {
      return "Mention manuscrite : ligne ajoutée à la main par le prescripteur"
          + (line.prescribed().cip13().isEmpty() ? ", produit sans code CIP13. " : ". ")
          + what;
    }
    return what;
  }

  private static void content(Element parent, String id, String value) {
    text(parent, "content", value).setAttribute("ID", id);
  }

  private static String label(Product p) {
    return p.cip13().map(c -> p.label() + " (CIP " + c.value() + ")").orElse(p.label());
  }

  private void supply(Element entry, Line line, int n, DispensationDocumentData data, Ids ids) {
    String ref = "#ligne-" + n;
    Element supply = add(entry, "supply", "classCode", "SPLY", "moodCode", "EVN");
    add(supply, "templateId", "root", "2.16.840.1.113883.10.20.1.34"); // CCD Supply Activity
    add(supply, "templateId", "root", "1.3.6.1.4.1.19376.1.5.3.1.4.7.3"); // IHE PCC Supply Entry
    add(supply, "templateId", "root", "1.3.6.1.4.1.19376.1.9.1.3.4"); // IHE PHARM Dispense Item
    add(supply, "templateId", "root", "1.2.250.1.213.1.1.3.204"); // FR-Traitement-dispense
    add(supply, "id", "root", ids.of("supply-" + n));
    // Completeness (HL7 ActPharmacySupplyType) only for what was handed over.
    line.completeness()
        .ifPresent(
            completeness ->
                add(
                    supply,
                    "code",
                    "code",
                    completeness.name(),
                    "displayName",
                    completeness.label(),
                    "codeSystem",
                    ACT_CODE,
                    "codeSystemName",
                    "ActPharmacySupplyType"));
    add(add(supply, "text"), "reference", "value", ref);
    add(supply, "statusCode", "code", "completed");
    add(supply, "effectiveTime", "value", ts(data.dispensedAt()));
    add(supply, "quantity", "value", Integer.toString(line.deliveredBoxes()), "unit", EDQM_BOX);

    Element product = add(add(supply, "product"), "manufacturedProduct", "classCode", "MANU");
    add(product, "templateId", "root", "2.16.840.1.113883.10.20.1.53"); // CCD Product
    add(product, "templateId", "root", "1.3.6.1.4.1.19376.1.5.3.1.4.7.2"); // IHE PCC Product Entry
    add(product, "templateId", "root", "1.2.250.1.213.1.1.3.43"); // FR-Produit-de-sante
    Element material =
        add(product, "manufacturedMaterial", "classCode", "MMAT", "determinerCode", "KIND");
    add(material, "templateId", "root", "1.3.6.1.4.1.19376.1.9.1.3.1"); // IHE PHARM Medicine Entry
    Product delivered = line.delivered() ? line.deliveredProduct() : line.prescribed();
    if (delivered.cip13().isPresent()) {
      String cip13 = delivered.cip13().get().value();
      // The CIS code of the medicine is not known here; the package (CIP13) is, as a translation
      // (ANS example).
      Element code = add(material, "code");
      add(add(code, "originalText"), "reference", "value", ref);
      Element cip =
          add(
              code,
              "translation",
              "code",
              cip13,
              "displayName",
              delivered.label(),
              "codeSystem",
              OID_CIP,
              "codeSystemName",
              "CIP");
      add(add(cip, "originalText"), "reference", "value", ref);
      text(material, "name", delivered.label());
      // The box delivered, from its DataMatrix: lot (CDA Material.lotNumberText) and expiry
      // (pharm:expirationTime), in the order of CDA_extended.xsd, as the ANS eDISP-MED example has
      // them.
      line.lot().ifPresent(lot -> text(material, "lotNumberText", lot));
      line.expiry()
          .ifPresent(
              e ->
                  Dom.pharm(
                      material,
                      "expirationTime",
                      "value",
                      e.format(DateTimeFormatter.BASIC_ISO_DATE)));
      Element container =
          Dom.pharm(
              Dom.pharm(material, "asContent", "classCode", "CONT"),
              "containerPackagedMedicine",
              "classCode",
              "CONT",
              "determinerCode",
              "INSTANCE");
      Dom.pharm(
          container,
          "code",
          "code",
          cip13,
          "displayName",
          delivered.label(),
          "codeSystem",
          OID_CIP,
          "codeSystemName",
          "CIP");
      Dom.pharm(container, "name").setTextContent(delivered.label());
      Dom.pharm(
          container,
          "formCode",
          "code",
          EDQM_BOX,
          "displayName",
          "Boîte",
          "codeSystem",
          EDQM,
          "codeSystemName",
          "EDQM");
    } else {
      // A handwritten product without code: "non codé" as the ANS example writes it (code
      // nullFlavor NA pointing at the narrative), with the text the pharmacist read as its name.
      Element code = add(material, "code", "nullFlavor", "NA");
      add(add(code, "originalText"), "reference", "value", ref);
      text(material, "name", delivered.label());
    }
    dispenser(add(supply, "performer", "typeCode", "PRF"), data);

    line.prescriptionLineId().ifPresent(lineId -> prescriptionItem(supply, lineId, n, data));
    dispenserNote(supply, n);
    line.substitute().ifPresent(s -> substitution(supply, n));
  }

  /**
   * Who served the patient at the counter (FR-Traitement-dispense performer, IHE PCC Supply Entry:
   * typeCode PRF, time, assignedEntity with a name): the préparateur when one delivered, under the
   * responsibility of the pharmacist who authors the document. A préparateur has no RPPS: the id
   * says so (nullFlavor NI); the profession code (TRE_G15 G15_39) says who it is.
   */
  private void dispenser(Element performer, DispensationDocumentData data) {
    Professional who = data.dispenser();
    add(performer, "time", "value", ts(data.dispensedAt()));
    Element entity = add(performer, "assignedEntity");
    who.rpps()
        .ifPresentOrElse(
            r -> add(entity, "id", "root", OID_PS, "extension", "8" + r.value()),
            () -> add(entity, "id", "nullFlavor", "NI"));
    add(
        entity,
        "code",
        "code",
        who.role().code().code(),
        "displayName",
        who.role().code().displayName(),
        "codeSystem",
        TRE_R85_PROFESSION);
    name(add(entity, "assignedPerson"), who.givenName(), who.familyName());
    Element org = add(entity, "representedOrganization");
    structureId(org, data.pharmacy());
    text(org, "name", data.pharmacy().name());
    address(org, data.pharmacy());
  }

  /** REFR to the prescription item this supply fulfils (FR-Reference-item-prescription). */
  private void prescriptionItem(
      Element supply, String lineId, int n, DispensationDocumentData data) {
    Element rel = add(supply, "entryRelationship", "typeCode", "REFR", "inversionInd", "false");
    Element item = add(rel, "substanceAdministration", "classCode", "SBADM", "moodCode", "INT");
    add(item, "templateId", "root", "1.3.6.1.4.1.19376.1.9.1.3.11"); // IHE PHARM Prescription Item
    add(item, "templateId", "root", "1.2.250.1.213.1.1.3.90");
    // The line id is only unique within its prescription: qualified by the prescription number.
    add(item, "id", "root", OID_EPU, "extension", data.prescriptionNumber().value() + "-" + lineId);
    add(
        item,
        "code",
        "code",
        "PREItem",
        "displayName",
        "Prescription Item",
        "codeSystem",
        "1.3.6.1.4.1.19376.1.9.2.2",
        "codeSystemName",
        "IHE Pharmacy Item Type List");
    Element material =
        add(
            add(add(item, "consumable"), "manufacturedProduct"),
            "manufacturedMaterial",
            "nullFlavor",
            "NA");
    add(material, "name", "nullFlavor", "NA");
    Element external = add(add(item, "reference", "typeCode", "XCRPT"), "externalDocument");
    add(external, "id", "root", OID_EPU, "extension", data.prescriptionNumber().value());
  }

  /** COMP FR-Acte-substitution: the pharmacist delivered another product (generic substitution). */
  private void substitution(Element supply, int n) {
    Element act =
        add(
            add(supply, "entryRelationship", "typeCode", "COMP"),
            "act",
            "classCode",
            "ACT",
            "moodCode",
            "EVN");
    add(act, "templateId", "root", "1.3.6.1.4.1.19376.1.9.1.3.9.2");
    add(act, "templateId", "root", "1.2.250.1.213.1.1.3.206");
    Element code =
        add(
            act,
            "code",
            "code",
            "G",
            "displayName",
            "Substitution par un générique",
            "codeSystem",
            "2.16.840.1.113883.5.1070",
            "codeSystemName",
            "HL7_substanceAdminSubstitution");
    add(add(code, "originalText"), "reference", "value", "#ligne-" + n + "-substitution");
    add(act, "statusCode", "code", "completed");
  }

  /**
   * FR-Notes-du-dispensateur (IHE Medication Fulfillment Instructions): what the pharmacist says of
   * the line (completeness, what remains, the reason it was not delivered, a handwritten line),
   * shown in the narrative's last column.
   */
  private void dispenserNote(Element supply, int n) {
    Element act =
        add(
            add(supply, "entryRelationship", "typeCode", "SUBJ", "inversionInd", "true"),
            "act",
            "classCode",
            "ACT",
            "moodCode",
            "INT");
    add(act, "templateId", "root", "2.16.840.1.113883.10.20.1.43");
    add(act, "templateId", "root", "1.3.6.1.4.1.19376.1.5.3.1.4.3.1");
    add(act, "templateId", "root", "1.2.250.1.213.1.1.3.207");
    add(
        act,
        "code",
        "code",
        "FINSTRUCT",
        "codeSystem",
        "1.3.6.1.4.1.19376.1.5.3.2",
        "codeSystemName",
        "IHEActCode");
    add(add(act, "text"), "reference", "value", "#ligne-" + n + "-note");
    add(act, "statusCode", "code", "completed");
  }

  // ---------------------------------------------------------------- PDF copy section

  /**
   * CI-SIS FR-Document-PDF-copie (1.2.250.1.213.1.1.2.243, LOINC 55108-5) holding one
   * FR-Document-attache organizer (1.2.250.1.213.1.1.3.18) with the PDF as observationMedia. Same
   * layout as the ANS example eP-MED-DM_2024.01 (the e-prescription model of the same family).
   */
  private void pdfCopySection(Element component, byte[] pdf, Ids ids) {
    Element section = add(component, "section");
    add(section, "templateId", "root", "1.2.250.1.213.1.1.2.243");
    add(section, "id", "root", ids.of("section-copie-pdf"));
    add(
        section,
        "code",
        "code",
        "55108-5",
        "displayName",
        "Copie du document",
        "codeSystem",
        LOINC,
        "codeSystemName",
        "LOINC");
    text(section, "title", "Copie du document");
    Element text = add(section, "text");
    text(text, "paragraph", "Document remis au patient (PDF)")
        .setAttribute("ID", "copie-pdf-titre");
    add(add(add(add(text, "table", "border", "0"), "tbody"), "tr"), "td")
        .appendChild(renderMultiMedia(text.getOwnerDocument()));

    Element organizer =
        add(add(section, "entry"), "organizer", "classCode", "CLUSTER", "moodCode", "EVN");
    add(organizer, "templateId", "root", "1.2.250.1.213.1.1.3.18");
    add(organizer, "id", "root", ids.of("document-attache"));
    add(
        organizer,
        "code",
        "code",
        "55107-7",
        "displayName",
        "Document attaché",
        "codeSystem",
        LOINC,
        "codeSystemName",
        "LOINC");
    add(organizer, "statusCode", "code", "completed");
    Element type =
        add(add(organizer, "component"), "observation", "classCode", "OBS", "moodCode", "EVN");
    add(type, "templateId", "root", "1.3.6.1.4.1.19376.1.5.3.1.4.13");
    add(type, "templateId", "root", "1.2.250.1.213.1.1.3.48");
    add(type, "templateId", "root", "1.2.250.1.213.1.1.3.48.18");
    add(type, "id", "root", ids.of("type-document-attache"));
    add(
        type,
        "code",
        "code",
        "69764-9",
        "displayName",
        "Type de document",
        "codeSystem",
        LOINC,
        "codeSystemName",
        "LOINC");
    add(add(type, "text"), "reference", "value", "#copie-pdf-titre");
    add(type, "statusCode", "code", "completed");
    add(type, "effectiveTime", "nullFlavor", "NA");
    Element value =
        add(
            type,
            "value",
            "code",
            "55108-5",
            "displayName",
            "Copie du document",
            "codeSystem",
            LOINC,
            "codeSystemName",
            "LOINC");
    Dom.xsiType(value, "CD");
    Element media =
        add(
            add(organizer, "component"),
            "observationMedia",
            "classCode",
            "OBS",
            "moodCode",
            "EVN",
            "ID",
            "copie-pdf");
    Element pdfValue = add(media, "value", "mediaType", "application/pdf", "representation", "B64");
    pdfValue.setTextContent(
        new String(
            Base64.getMimeEncoder(76, new byte[] {'\n'}).encode(pdf), StandardCharsets.US_ASCII));
  }

  private static Element renderMultiMedia(Document doc) {
    Element render = doc.createElementNS(Dom.HL7, "renderMultiMedia");
    render.setAttribute("referencedObject", "copie-pdf");
    return render;
  }

  private static String ts(OffsetDateTime time) {
    return TS.format(time);
  }

  /** Deterministic UUIDs for the document's internal ids. */
  private record Ids(String documentUniqueId) {
    String of(String what) {
      return UUID.nameUUIDFromBytes(
              (documentUniqueId + "/" + what).getBytes(StandardCharsets.UTF_8))
          .toString()
          .toUpperCase(Locale.ROOT);
    }
  }
}
