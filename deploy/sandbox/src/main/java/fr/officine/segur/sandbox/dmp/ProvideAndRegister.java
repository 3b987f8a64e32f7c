package fr.officine.segur.sandbox.dmp;

import static fr.officine.segur.sandbox.dmp.DmpNames.*;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * ITI-41 Provide and Register Document Set-b on the sandbox DMP: the request checked against the
 * IHEXDSB/ebRIM schemas, the metadata DOMAIN-FACTS §2.4 requires for an officine dispensation, the
 * documents against their hash and size, the patient's DMP and the professional; then stored. Every
 * metadata error of the request is reported at once (one RegistryError each).
 */
final class ProvideAndRegister {
  private static final Pattern DTM = Pattern.compile("[0-9]{4}([0-9]{2}){0,5}");
  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
  private static final Set<String> HL7_CONFIDENTIALITY = Set.of("N", "R", "V");
  private static final Set<String> DMP_CONFIDENTIALITY =
      Set.of("INVISIBLE_PATIENT", "INVISIBLE_REPRESENTANTS_LEGAUX", MASQUE_PS);

  private final XdsSchemas schemas;
  private final DmpRules rules;
  private final DmpStore store;
  private final SubmissionSignatures signatures;
  private final Optional<CdaConformance> conformance;

  ProvideAndRegister(
      XdsSchemas schemas,
      DmpRules rules,
      DmpStore store,
      SubmissionSignatures signatures,
      Optional<CdaConformance> conformance) {
    this.schemas = schemas;
    this.rules = rules;
    this.store = store;
    this.signatures = signatures;
    this.conformance = conformance;
  }

  /** Stores the submission, or throws the refusal with its RegistryErrors. */
  List<DmpDocument> accept(Element request, Vihf vihf) {
    if (!Xml.XDSB.equals(request.getNamespaceURI())
        || !"ProvideAndRegisterDocumentSetRequest".equals(request.getLocalName())) {
      throw new XdsRefusal(
          RegistryError.REGISTRY_METADATA, "ihe:ProvideAndRegisterDocumentSetRequest attendu.");
    }
    List<String> schemaErrors = schemas.errors(request);
    if (!schemaErrors.isEmpty()) {
      throw new XdsRefusal(
          schemaErrors.stream()
              .map(
                  e ->
                      new RegistryError(
                          RegistryError.REGISTRY_METADATA,
                          "Non conforme au schéma ebRIM/IHEXDSB : " + e,
                          "ProvideAndRegisterDocumentSetRequest"))
              .toList());
    }
    Element list =
        Xml.path(request, Xml.LCM, "SubmitObjectsRequest")
            .flatMap(s -> Xml.child(s, Xml.RIM, "RegistryObjectList"))
            .orElseThrow();
    Errors errors = new Errors();

    Element submissionSet = submissionSet(list, errors);
    List<Element> entries =
        Xml.children(list, Xml.RIM, "ExtrinsicObject").stream()
            .filter(e -> DOCUMENT_ENTRY.equals(e.getAttribute("objectType")))
            .toList();
    if (entries.isEmpty()) {
      errors.registry(
          "Aucune fiche de document (ExtrinsicObject " + DOCUMENT_ENTRY + ") dans la soumission.",
          "RegistryObjectList");
    }
    Map<String, byte[]> documents = documents(request);

    Set<String> patientIds = new LinkedHashSet<>();
    String ssUniqueId = "";
    String submissionTime = "";
    if (submissionSet != null) {
      ssUniqueId = Ebrim.externalId(submissionSet, SS_UNIQUE_ID).orElse("");
      submissionTime = Ebrim.firstSlot(submissionSet, "submissionTime").orElse("");
      checkSubmissionSet(submissionSet, errors).ifPresent(patientIds::add);
    }

    List<Entry> accepted = new ArrayList<>();
    Set<String> uniqueIds = new HashSet<>();
    // what the signature's Manifest must cover: each document by urn:oid:<uniqueId>
    Map<String, byte[]> signedDocuments = new HashMap<>();
    for (Element entry : entries) {
      String id = entry.getAttribute("id");
      boolean signature =
          Ebrim.codes(entry, DE_FORMAT).stream().anyMatch(c -> FORMAT_SIGNATURE.equals(c.code()));
      Optional<String> patientId =
          signature
              ? checkSignatureEntry(entry, id, errors)
              : checkDispensationEntry(entry, id, errors);
      patientId.ifPresent(patientIds::add);
      Optional<String> uniqueId = Ebrim.externalId(entry, DE_UNIQUE_ID);
      if (uniqueId.isPresent() && !uniqueIds.add(uniqueId.get())) {
        errors.add(
            RegistryError.DUPLICATE_UNIQUE_ID,
            "uniqueId " + uniqueId.get() + " présent deux fois dans la soumission.",
            id);
      }
      byte[] content = documents.remove(id);
      if (content == null) {
        errors.add(
            RegistryError.MISSING_DOCUMENT, "Aucun ihe:Document pour la fiche " + id + ".", id);
        continue;
      }
      checkHashAndSize(entry, id, content, errors);
      if (!signature) {
        checkAuthorInstitution(entry, id, vihf.structureId(), errors);
        uniqueId.ifPresent(u -> signedDocuments.put("urn:oid:" + u.replace("^", "%5E"), content));
      }
      accepted.add(new Entry(entry, content, signature));
    }
    // The DMP takes only a signed submission set (PDSM4DMP transaction_td2: « lot de soumission
    // signé en XAdES »), signed by the structure that the VIHF names.
    List<Entry> signed = accepted.stream().filter(Entry::signature).toList();
    if (signed.size() != 1) {
      errors.registry(
          "Lot de soumission non signé : une et une seule signature XAdES du lot (fiche "
              + FORMAT_SIGNATURE
              + ") attendue, "
              + signed.size()
              + " reçue(s).",
          "RegistryObjectList");
    } else if (!ssUniqueId.isEmpty()) {
      String where = signed.get(0).entry().getAttribute("id");
      signatures
          .problems(signed.get(0).content(), ssUniqueId, signedDocuments, vihf.structureId())
          .forEach(p -> errors.registry("Signature du lot : " + p, where));
    }
    for (String orphan : documents.keySet()) {
      errors.add(
          RegistryError.MISSING_DOCUMENT_METADATA,
          "ihe:Document " + orphan + " sans fiche de métadonnées.",
          orphan);
    }
    if (submissionSet != null) {
      checkAssociations(list, submissionSet.getAttribute("id"), entries, errors);
    }
    errors.throwIfAny();
    conformance.ifPresent(c -> checkContent(c, accepted));

    // Patient: one identity across the submission set, its documents and the VIHF.
    if (patientIds.size() != 1 || !patientIds.contains(vihf.resourceIns())) {
      throw new XdsRefusal(
          RegistryError.PATIENT_MISMATCH,
          "Le patient du lot de soumission, des fiches et du VIHF (resource-id) doit être le même.");
    }
    List<String> acting = new ArrayList<>();
    vihf.rpps().ifPresent(acting::add);
    accepted.stream().map(e -> authorRpps(e.entry)).flatMap(Optional::stream).forEach(acting::add);
    DmpPatient patient = rules.forFeeding(vihf.resourceIns(), acting);

    List<DmpStore.StoredDocument> toStore = new ArrayList<>();
    for (Entry e : accepted) {
      toStore.add(
          new DmpStore.StoredDocument(
              document(e, patient, ssUniqueId, submissionTime, vihf), e.content));
    }
    List<String> duplicates = store.storeAll(toStore);
    if (!duplicates.isEmpty()) {
      throw new XdsRefusal(
          duplicates.stream()
              .map(
                  u ->
                      new RegistryError(
                          RegistryError.DUPLICATE_UNIQUE_ID,
                          "Document déjà présent dans le DMP (uniqueId " + u + ").",
                          u))
              .toList());
    }
    return toStore.stream().map(DmpStore.StoredDocument::document).toList();
  }

  private record Entry(Element entry, byte[] content, boolean signature) {}

  /**
   * How many findings a refusal lists (the codeContext stays readable; the count says the rest).
   */
  private static final int LISTED_FINDINGS = 8;

  /**
   * A structured dispensation document (formatCode eDISP) must be a valid CDA and pass the CI-SIS
   * schematrons, else the submission is refused with IHE's InvalidDocumentContent (ITI TF-3
   * 4.2.4.1: « failed other requirements for the document content »; codeContext naming the
   * document's uniqueId) — what the real DMP does with a document its content checks refuse.
   */
  private static void checkContent(CdaConformance conformance, List<Entry> entries) {
    List<RegistryError> refused = new ArrayList<>();
    for (Entry e : entries) {
      boolean edisp =
          Ebrim.codes(e.entry(), DE_FORMAT).stream().anyMatch(c -> FORMAT_EDISP.equals(c.code()));
      if (e.signature() || !edisp) {
        continue;
      }
      List<CdaConformance.Finding> findings = new ArrayList<>(conformance.errors(e.content()));
      findings.addAll(CdaHeader.mismatches(e.entry(), e.content()));
      if (!findings.isEmpty()) {
        String uniqueId = Ebrim.externalId(e.entry(), DE_UNIQUE_ID).orElse("");
        String listed =
            findings.stream()
                .limit(LISTED_FINDINGS)
                .map(f -> "[" + f.check() + "] " + f.text())
                .collect(java.util.stream.Collectors.joining(" ; "));
        refused.add(
            new RegistryError(
                RegistryError.INVALID_DOCUMENT_CONTENT,
                "Document "
                    + uniqueId
                    + " non conforme ("
                    + findings.size()
                    + " erreur(s) CDA_extended.xsd / schématrons CI-SIS / en-tête) : "
                    + listed,
                e.entry().getAttribute("id")));
      }
    }
    if (!refused.isEmpty()) {
      throw new XdsRefusal(refused);
    }
  }

  // ------------------------------------------------------------ submission set

  private static Element submissionSet(Element list, Errors errors) {
    Set<String> marked = new HashSet<>();
    for (Element c : Xml.children(list, Xml.RIM, "Classification")) {
      if (SUBMISSION_SET.equals(c.getAttribute("classificationNode"))) {
        marked.add(c.getAttribute("classifiedObject"));
      }
    }
    List<Element> sets = new ArrayList<>();
    for (Element p : Xml.children(list, Xml.RIM, "RegistryPackage")) {
      boolean inner =
          Xml.children(p, Xml.RIM, "Classification").stream()
              .anyMatch(c -> SUBMISSION_SET.equals(c.getAttribute("classificationNode")));
      if (inner || marked.contains(p.getAttribute("id"))) {
        sets.add(p);
      }
    }
    if (sets.size() != 1) {
      errors.registry(
          "Un et un seul lot de soumission (RegistryPackage classé "
              + SUBMISSION_SET
              + ") attendu, "
              + sets.size()
              + " reçu(s).",
          "RegistryObjectList");
      return null;
    }
    return sets.get(0);
  }

  private static Optional<String> checkSubmissionSet(Element ss, Errors errors) {
    String where = "SubmissionSet";
    String time = Ebrim.firstSlot(ss, "submissionTime").orElse("");
    if (time.isEmpty()) {
      errors.metadata(where + ".submissionTime manquant.", where);
    } else if (!DTM.matcher(time).matches()) {
      errors.metadata(
          where + ".submissionTime : date HL7 DTM AAAAMMJJ[hhmmss] attendue, reçu " + time + ".",
          where);
    }
    List<Ebrim.Code> contentType = Ebrim.codes(ss, SS_CONTENT_TYPE);
    if (contentType.isEmpty()
        || contentType.get(0).code().isEmpty()
        || contentType.get(0).scheme().isEmpty()) {
      errors.metadata(where + ".contentTypeCode manquant (code et codingScheme).", where);
    }
    Optional<String> sourceId = Ebrim.externalId(ss, SS_SOURCE_ID);
    if (sourceId.isEmpty()) {
      errors.metadata(where + ".sourceId manquant.", where);
    } else if (!OID.matcher(sourceId.get()).matches()) {
      errors.metadata(where + ".sourceId : OID attendu, reçu " + sourceId.get() + ".", where);
    }
    Optional<String> uniqueId = Ebrim.externalId(ss, SS_UNIQUE_ID);
    if (uniqueId.isEmpty()) {
      errors.metadata(where + ".uniqueId manquant.", where);
    } else if (!OID.matcher(uniqueId.get()).matches()) {
      errors.metadata(where + ".uniqueId : OID attendu, reçu " + uniqueId.get() + ".", where);
    }
    return patientId(ss, SS_PATIENT_ID, where, errors);
  }

  // ------------------------------------------------------------ document entries

  private static Optional<String> checkDispensationEntry(Element e, String id, Errors errors) {
    String where = "DocumentEntry";
    if (Xml.attr(e, "mimeType").isEmpty()) {
      errors.metadata(where + ".mimeType manquant.", id);
    }
    expectCode(e, DE_CLASS, "classCode", Set.of(CLASS_DISPENSATION), CLASS_SCHEME, id, errors);
    expectCode(e, DE_TYPE, "typeCode", Set.of(TYPE_DISPENSATION), LOINC, id, errors);
    expectCode(
        e, DE_FORMAT, "formatCode", Set.of(FORMAT_EDISP, FORMAT_PDF), FORMAT_SCHEME, id, errors);
    expectCode(
        e, DE_FACILITY, "healthcareFacilityTypeCode", Set.of(SA33), FACILITY_SCHEME, id, errors);
    expectCode(
        e, DE_PRACTICE, "practiceSettingCode", Set.of(AMBULATOIRE), PRACTICE_SCHEME, id, errors);
    checkConfidentiality(e, id, errors);
    requireSlot(e, "creationTime", id, errors, true);
    requireSlot(e, "languageCode", id, errors, false);
    requireSlot(e, "sourcePatientId", id, errors, false);
    checkAuthor(e, id, errors);
    uniqueId(e, id, errors);
    return patientId(e, DE_PATIENT_ID, where, errors);
  }

  /** The XAdES signature of the submission set (present or absent: see README). */
  private static Optional<String> checkSignatureEntry(Element e, String id, Errors errors) {
    if (!"text/xml".equals(e.getAttribute("mimeType"))) {
      errors.metadata("DocumentEntry.mimeType de la signature : text/xml attendu.", id);
    }
    List<Ebrim.Code> classCode = Ebrim.codes(e, DE_CLASS);
    if (classCode.isEmpty()
        || !"urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1".equals(classCode.get(0).code())) {
      errors.metadata(
          "DocumentEntry.classCode de la signature : urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1 attendu.",
          id);
    }
    uniqueId(e, id, errors);
    return patientId(e, DE_PATIENT_ID, "DocumentEntry", errors);
  }

  private static void uniqueId(Element e, String id, Errors errors) {
    Optional<String> uniqueId = Ebrim.externalId(e, DE_UNIQUE_ID);
    if (uniqueId.isEmpty()) {
      errors.metadata("DocumentEntry.uniqueId manquant.", id);
    } else if (!uniqueId.get().matches("[0-2](\\.(0|[1-9][0-9]*))+(\\^[0-9A-Za-z.\\-]{1,16})?")
        || uniqueId.get().length() > 128) {
      errors.metadata(
          "DocumentEntry.uniqueId : OID[^extension] attendu, reçu " + uniqueId.get() + ".", id);
    }
  }

  private static void expectCode(
      Element e,
      String scheme,
      String name,
      Set<String> codes,
      String codingScheme,
      String id,
      Errors errors) {
    List<Ebrim.Code> found = Ebrim.codes(e, scheme);
    if (found.isEmpty() || found.get(0).code().isEmpty()) {
      errors.metadata("DocumentEntry." + name + " manquant.", id);
      return;
    }
    Ebrim.Code c = found.get(0);
    if (found.size() > 1) {
      errors.metadata("DocumentEntry." + name + " : une seule valeur attendue.", id);
    } else if (!codes.contains(c.code()) || !codingScheme.equals(c.scheme())) {
      errors.metadata(
          "DocumentEntry."
              + name
              + " : "
              + String.join(" ou ", codes)
              + " (codingScheme "
              + codingScheme
              + ") attendu pour une dispensation d'officine, reçu "
              + c.code()
              + " ("
              + c.scheme()
              + ").",
          id);
    }
  }

  private static void checkConfidentiality(Element e, String id, Errors errors) {
    List<Ebrim.Code> codes = Ebrim.codes(e, DE_CONFIDENTIALITY);
    if (codes.stream().noneMatch(c -> CONFIDENTIALITY_HL7.equals(c.scheme()))) {
      errors.metadata(
          "DocumentEntry.confidentialityCode manquant (N, R ou V du codingScheme "
              + CONFIDENTIALITY_HL7
              + ").",
          id);
    }
    for (Ebrim.Code c : codes) {
      boolean valid =
          CONFIDENTIALITY_HL7.equals(c.scheme()) && HL7_CONFIDENTIALITY.contains(c.code())
              || CONFIDENTIALITY_DMP.equals(c.scheme()) && DMP_CONFIDENTIALITY.contains(c.code());
      if (!valid) {
        errors.metadata(
            "DocumentEntry.confidentialityCode : valeur inconnue "
                + c.code()
                + " ("
                + c.scheme()
                + ").",
            id);
      }
    }
  }

  private static void requireSlot(Element e, String name, String id, Errors errors, boolean dtm) {
    Optional<String> value = Ebrim.firstSlot(e, name);
    if (value.isEmpty()) {
      errors.metadata("DocumentEntry." + name + " manquant.", id);
    } else if (dtm && !DTM.matcher(value.get()).matches()) {
      errors.metadata(
          "DocumentEntry." + name + " : date HL7 DTM attendue, reçu " + value.get() + ".", id);
    }
  }

  private static void checkAuthor(Element e, String id, Errors errors) {
    List<Element> authors = Ebrim.classifications(e, DE_AUTHOR);
    if (authors.isEmpty()) {
      errors.metadata("DocumentEntry.author manquant.", id);
      return;
    }
    Element author = authors.get(0);
    String person = Ebrim.firstSlot(author, "authorPerson").orElse("");
    if (person.isEmpty()) {
      errors.metadata("DocumentEntry.author.authorPerson manquant.", id);
    } else if (person.startsWith("^") || !person.contains("&" + PS_OID + "&ISO")) {
      errors.metadata(
          "DocumentEntry.author.authorPerson : XCN avec l'identifiant national du PS (&"
              + PS_OID
              + "&ISO) attendu.",
          id);
    }
    String institution = Ebrim.firstSlot(author, "authorInstitution").orElse("");
    if (institution.isEmpty()) {
      errors.metadata("DocumentEntry.author.authorInstitution manquant.", id);
    } else if (!institution.matches(
        ".+\\^\\^\\^\\^\\^&" + Pattern.quote(STRUCTURE_OID) + "&ISO\\^IDNST\\^\\^\\^.+")) {
      errors.metadata(
          "DocumentEntry.author.authorInstitution : XON <nom>^^^^^&"
              + STRUCTURE_OID
              + "&ISO^IDNST^^^<Struct_IdNat> attendu.",
          id);
    }
    String specialty = Ebrim.firstSlot(author, "authorSpecialty").orElse("");
    if (specialty.isEmpty()) {
      errors.metadata("DocumentEntry.author.authorSpecialty manquant.", id);
    } else if (!specialty.startsWith("G15_21") || !specialty.endsWith("^" + SPECIALTY_SCHEME)) {
      errors.metadata(
          "DocumentEntry.author.authorSpecialty : G15_21…^<libellé>^"
              + SPECIALTY_SCHEME
              + " (pharmacien) attendu.",
          id);
    }
  }

  /**
   * The structure the document names as its author's (authorInstitution, XON: Struct_IdNat in
   * component 10) must be the one that signed the VIHF and opened the TLS session.
   */
  private static void checkAuthorInstitution(
      Element e, String id, String structureId, Errors errors) {
    Ebrim.classifications(e, DE_AUTHOR).stream()
        .flatMap(a -> Ebrim.firstSlot(a, "authorInstitution").stream())
        .map(xon -> xon.split("\\^", -1))
        .filter(c -> c.length >= 10 && !c[9].equals(structureId))
        .findFirst()
        .ifPresent(
            c ->
                errors.metadata(
                    "DocumentEntry.author.authorInstitution : la structure "
                        + c[9]
                        + " n'est pas celle du VIHF (Identifiant_Structure "
                        + structureId
                        + ").",
                    id));
  }

  private static Optional<String> authorRpps(Element entry) {
    return Ebrim.classifications(entry, DE_AUTHOR).stream()
        .flatMap(a -> Ebrim.firstSlot(a, "authorPerson").stream())
        .map(p -> p.split("\\^", -1)[0])
        .filter(id -> id.matches("8[0-9]{11}"))
        .map(id -> id.substring(1))
        .findFirst();
  }

  private static Optional<String> patientId(
      Element object, String scheme, String where, Errors errors) {
    Optional<String> cx = Ebrim.externalId(object, scheme);
    if (cx.isEmpty()) {
      errors.metadata(where + ".patientId manquant.", object.getAttribute("id"));
      return Optional.empty();
    }
    Optional<InsId> ins = InsId.parseCx(cx.get());
    if (ins.isEmpty()) {
      errors.add(
          RegistryError.UNKNOWN_PATIENT,
          where
              + ".patientId : INS attendu au format <INS 15 car.>^^^&<OID INS>&ISO^NH (OID "
              + String.join(", ", InsId.KNOWN_OIDS.stream().sorted().toList())
              + "), reçu "
              + cx.get()
              + ".",
          object.getAttribute("id"));
      return Optional.empty();
    }
    return Optional.of(ins.get().ins());
  }

  // ------------------------------------------------------------ documents

  private static Map<String, byte[]> documents(Element request) {
    Map<String, byte[]> out = new HashMap<>();
    for (Element d : Xml.children(request, Xml.XDSB, "Document")) {
      out.put(d.getAttribute("id"), Base64.getMimeDecoder().decode(Xml.text(d)));
    }
    return out;
  }

  private static void checkHashAndSize(Element entry, String id, byte[] content, Errors errors) {
    Optional<String> size = Ebrim.firstSlot(entry, "size");
    if (size.isPresent() && !size.get().equals(Long.toString(content.length))) {
      errors.metadata(
          "DocumentEntry.size "
              + size.get()
              + " ≠ taille du document reçu ("
              + content.length
              + ").",
          id);
    }
    Optional<String> hash = Ebrim.firstSlot(entry, "hash");
    if (hash.isPresent() && !hash.get().equalsIgnoreCase(sha1(content))) {
      errors.metadata("DocumentEntry.hash ≠ SHA-1 du document reçu.", id);
    }
  }

  private static void checkAssociations(
      Element list, String ssId, List<Element> entries, Errors errors) {
    List<Element> associations = Xml.children(list, Xml.RIM, "Association");
    for (Element entry : entries) {
      String id = entry.getAttribute("id");
      boolean member =
          associations.stream()
              .anyMatch(
                  a ->
                      HAS_MEMBER.equals(a.getAttribute("associationType"))
                          && ssId.equals(a.getAttribute("sourceObject"))
                          && id.equals(a.getAttribute("targetObject"))
                          && Ebrim.slot(a, "SubmissionSetStatus").contains("Original"));
      if (!member) {
        errors.registry(
            "Association HasMember (SubmissionSetStatus=Original) du lot vers "
                + id
                + " manquante.",
            id);
      }
      boolean signature =
          Ebrim.codes(entry, DE_FORMAT).stream().anyMatch(c -> FORMAT_SIGNATURE.equals(c.code()));
      boolean signs =
          associations.stream()
              .anyMatch(
                  a ->
                      SIGNS.equals(a.getAttribute("associationType"))
                          && id.equals(a.getAttribute("sourceObject"))
                          && ssId.equals(a.getAttribute("targetObject")));
      if (signature && !signs) {
        errors.registry(
            "Association " + SIGNS + " de la signature " + id + " vers le lot manquante.", id);
      }
    }
  }

  // ------------------------------------------------------------ stored form

  private DmpDocument document(
      Entry e, DmpPatient patient, String ssUniqueId, String submissionTime, Vihf vihf) {
    Element entry = (Element) Xml.newDocument().importNode(e.entry, true);
    String entryUuid = "urn:uuid:" + UUID.randomUUID();
    entry.setAttribute("id", entryUuid);
    entry.setAttribute("lid", entryUuid);
    entry.setAttribute("status", APPROVED);
    for (Element c : Xml.children(entry, Xml.RIM, "Classification")) {
      c.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
      c.setAttribute("classifiedObject", entryUuid);
    }
    for (Element x : Xml.children(entry, Xml.RIM, "ExternalIdentifier")) {
      x.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
      x.setAttribute("registryObject", entryUuid);
    }
    setSlot(entry, "size", Long.toString(e.content.length));
    setSlot(entry, "hash", sha1(e.content));
    setSlot(entry, "repositoryUniqueId", REPOSITORY_UNIQUE_ID);
    List<Ebrim.Code> confidentiality = Ebrim.codes(entry, DE_CONFIDENTIALITY);
    String author =
        Ebrim.classifications(entry, DE_AUTHOR).stream()
            .flatMap(a -> Ebrim.firstSlot(a, "authorPerson").stream())
            .findFirst()
            .orElse("");
    return new DmpDocument(
        entryUuid,
        Ebrim.externalId(entry, DE_UNIQUE_ID).orElseThrow(),
        patient.ins(),
        Ebrim.externalId(entry, DE_PATIENT_ID).orElseThrow(),
        first(Ebrim.codes(entry, DE_CLASS)),
        first(Ebrim.codes(entry, DE_TYPE)),
        first(Ebrim.codes(entry, DE_FORMAT)),
        String.join(",", confidentiality.stream().map(Ebrim.Code::code).toList()),
        confidentiality.stream().anyMatch(c -> MASQUE_PS.equals(c.code())),
        Ebrim.name(entry),
        entry.getAttribute("mimeType"),
        e.content.length,
        sha1(e.content),
        author,
        authorRpps(entry).orElse(null),
        Ebrim.firstSlot(entry, "creationTime").orElse(null),
        submissionTime,
        ssUniqueId,
        Xml.string(entry),
        Optional.of(vihf.authenticationMode()));
  }

  private static String first(List<Ebrim.Code> codes) {
    return codes.isEmpty() ? "" : codes.get(0).code();
  }

  /** Sets (or adds, before the first non-Slot child, as rim.xsd orders them) a one-value slot. */
  private static void setSlot(Element object, String name, String value) {
    Document doc = object.getOwnerDocument();
    for (Element slot : Xml.children(object, Xml.RIM, "Slot")) {
      if (name.equals(slot.getAttribute("name"))) {
        object.removeChild(slot);
      }
    }
    Element slot = doc.createElementNS(Xml.RIM, "rim:Slot");
    slot.setAttribute("name", name);
    Element list = doc.createElementNS(Xml.RIM, "rim:ValueList");
    Element v = doc.createElementNS(Xml.RIM, "rim:Value");
    v.setTextContent(value);
    list.appendChild(v);
    slot.appendChild(list);
    Node before =
        Xml.children(object).stream()
            .filter(c -> !(Xml.RIM.equals(c.getNamespaceURI()) && "Slot".equals(c.getLocalName())))
            .findFirst()
            .map(Node.class::cast)
            .orElse(null);
    object.insertBefore(slot, before);
  }

  static String sha1(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The metadata errors of one request, all reported together. */
  private static final class Errors {
    private final List<RegistryError> list = new ArrayList<>();

    void add(String code, String context, String location) {
      list.add(new RegistryError(code, context, location));
    }

    void metadata(String context, String location) {
      add(RegistryError.REPOSITORY_METADATA, context, location);
    }

    void registry(String context, String location) {
      add(RegistryError.REGISTRY_METADATA, context, location);
    }

    void throwIfAny() {
      if (!list.isEmpty()) {
        throw new XdsRefusal(list);
      }
    }
  }
}
