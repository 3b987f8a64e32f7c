package fr.officine.segur.sandbox.dmp;

import static fr.officine.segur.sandbox.seed.SampleParties.ADRUN_ZOE;
import static fr.officine.segur.sandbox.seed.SampleParties.CORSE_ANTHONY;
import static fr.officine.segur.sandbox.seed.SampleParties.ECETINSI_PIERRE_ALAIN;
import static fr.officine.segur.sandbox.seed.SampleParties.NESSI_MICHELANGELO;
import static fr.officine.segur.sandbox.seed.SampleParties.TCHITCHI_CATARINA;

import fr.officine.segur.sandbox.SandboxConfig;
import fr.officine.segur.sandbox.dmp.ExtrinsicObjectBuilder.Slot;
import fr.officine.segur.sandbox.eprescription.Patient;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The DMP statuses of the sandbox's patients (SEEDS.md, "DMP"). Written once per database; POST
 * /sandbox/reset writes them again.
 */
public final class DmpSeeds {
  static final String MARKER = "seed.dmp.v1";

  /** Titulaire of Pharmacie du Marché (pharmacy A), blocked by TCHITCHI CATARINA. */
  public static final String RPPS_BLOCKED = "10100000016";

  /**
   * ANS CDA example identity (DOMAIN-FACTS §3.4): the patient with documents masked to
   * professionals.
   */
  public static final String PAT_TROIS_INS = "279035121518989";

  public static final String VISIBLE_SEED_DOCUMENT = "1.2.250.1.999.1.1.1";
  public static final String MASKED_SEED_DOCUMENT = "1.2.250.1.999.1.1.2";

  private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final DmpStore store;

  public DmpSeeds(DmpStore store) {
    this.store = store;
  }

  public boolean seedIfEmpty() {
    LocalDate today = LocalDate.now(store.clock().withZone(SandboxConfig.FRANCE));
    List<DmpPatient> patients =
        List.of(
            patient(
                ADRUN_ZOE,
                DmpPatient.Status.ACTIF,
                Optional.empty(),
                Optional.empty(),
                false,
                Set.of(),
                "DMP actif, tout professionnel autorisé."),
            patient(
                CORSE_ANTHONY,
                DmpPatient.Status.AUCUN,
                Optional.empty(),
                Optional.empty(),
                false,
                Set.of(),
                "Pas de DMP."),
            patient(
                ECETINSI_PIERRE_ALAIN,
                DmpPatient.Status.FERME,
                Optional.of(today.minusDays(60)),
                Optional.of("Fermeture à la demande du représentant légal"),
                false,
                Set.of(),
                "DMP fermé il y a 60 jours."),
            patient(
                NESSI_MICHELANGELO,
                DmpPatient.Status.ACTIF,
                Optional.empty(),
                Optional.empty(),
                true,
                Set.of(),
                "DMP actif ; le patient s'oppose à l'alimentation par les professionnels."),
            patient(
                TCHITCHI_CATARINA,
                DmpPatient.Status.ACTIF,
                Optional.empty(),
                Optional.empty(),
                false,
                Set.of(RPPS_BLOCKED),
                "DMP actif ; le titulaire de la Pharmacie du Marché (RPPS 10100000016) est bloqué par la patiente."),
            new DmpPatient(
                PAT_TROIS_INS,
                "PAT-TROIS",
                "DOMINIQUE",
                DmpPatient.Status.ACTIF,
                Optional.empty(),
                Optional.empty(),
                false,
                Set.of(),
                "DMP actif ; un document visible et un document masqué aux professionnels (MASQUE_PS)."));
    String day = DTM.format(today.minusDays(10));
    List<DmpStore.StoredDocument> documents =
        List.of(
            seedDocument(VISIBLE_SEED_DOCUMENT, "N", false, day, "Dispensation du " + day),
            seedDocument(
                MASKED_SEED_DOCUMENT, "N", true, day, "Dispensation masquée aux professionnels"));
    return store.seedOnce(MARKER, patients, documents);
  }

  private static DmpPatient patient(
      Patient p,
      DmpPatient.Status status,
      Optional<LocalDate> closedOn,
      Optional<String> reason,
      boolean opposed,
      Set<String> blocked,
      String scenario) {
    return new DmpPatient(
        p.ins(),
        p.birthName(),
        p.firstName(),
        status,
        closedOn,
        reason,
        opposed,
        blocked,
        scenario);
  }

  /** A dispensation of Pharmacie des Arcades, with the metadata ITI-18 returns for it. */
  private static DmpStore.StoredDocument seedDocument(
      String uniqueId, String confidentiality, boolean masked, String day, String title) {
    byte[] content = seedCda(title);
    String entryUuid =
        "urn:uuid:00000000-0000-4000-8000-00000000000" + uniqueId.substring(uniqueId.length() - 1);
    String patientId = PAT_TROIS_INS + "^^^&1.2.250.1.213.1.4.8&ISO^NH";
    String author = "810100000032^BERNARD^Louis^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS";
    ExtrinsicObjectBuilder entry =
        new ExtrinsicObjectBuilder(entryUuid, "text/xml")
            .slot("creationTime", day + "120000")
            .slot("hash", ProvideAndRegister.sha1(content))
            .slot("languageCode", "fr-FR")
            .slot("repositoryUniqueId", DmpNames.REPOSITORY_UNIQUE_ID)
            .slot("size", Integer.toString(content.length))
            .slot("sourcePatientId", patientId)
            .name(title)
            .classification(
                "a",
                DmpNames.DE_AUTHOR,
                "",
                Optional.empty(),
                new Slot("authorPerson", author),
                new Slot(
                    "authorInstitution",
                    "Pharmacie des Arcades^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1690100029"),
                new Slot("authorSpecialty", "G15_21/A^Titulaire d'officine^1.2.250.1.213.1.1.4.5"));
    coded(entry, DmpNames.DE_CLASS, "43", DmpNames.CLASS_SCHEME, "Dispensation");
    coded(
        entry,
        DmpNames.DE_CONFIDENTIALITY,
        confidentiality,
        DmpNames.CONFIDENTIALITY_HL7,
        "Normal");
    if (masked) {
      coded(
          entry,
          DmpNames.DE_CONFIDENTIALITY,
          DmpNames.MASQUE_PS,
          DmpNames.CONFIDENTIALITY_DMP,
          "Masqué aux professionnels");
    }
    coded(
        entry,
        DmpNames.DE_FORMAT,
        DmpNames.FORMAT_EDISP,
        DmpNames.FORMAT_SCHEME,
        "Dispensation eDISP");
    coded(
        entry,
        DmpNames.DE_FACILITY,
        DmpNames.SA33,
        DmpNames.FACILITY_SCHEME,
        "Pharmacie d'officine");
    coded(
        entry, DmpNames.DE_PRACTICE, DmpNames.AMBULATOIRE, DmpNames.PRACTICE_SCHEME, "Ambulatoire");
    coded(
        entry,
        DmpNames.DE_TYPE,
        DmpNames.TYPE_DISPENSATION,
        DmpNames.LOINC,
        "Dispensation médicamenteuse");
    String metadata =
        entry
            .externalId(DmpNames.DE_PATIENT_ID, patientId, "XDSDocumentEntry.patientId")
            .externalId(DmpNames.DE_UNIQUE_ID, uniqueId, "XDSDocumentEntry.uniqueId")
            .xml();
    DmpDocument d =
        new DmpDocument(
            entryUuid,
            uniqueId,
            PAT_TROIS_INS,
            patientId,
            "43",
            DmpNames.TYPE_DISPENSATION,
            DmpNames.FORMAT_EDISP,
            masked ? confidentiality + "," + DmpNames.MASQUE_PS : confidentiality,
            masked,
            title,
            "text/xml",
            content.length,
            ProvideAndRegister.sha1(content),
            author,
            "10100000032",
            day + "120000",
            day + "120000",
            "1.2.250.1.999.1.2." + uniqueId.substring(uniqueId.length() - 1),
            metadata,
            java.util.Optional.empty());
    return new DmpStore.StoredDocument(d, content);
  }

  /** The seed's CDA: a ClinicalDocument with its title, written by a DOM like the metadata. */
  private static byte[] seedCda(String title) {
    Document cda = Xml.newDocument();
    Element root = cda.createElementNS(Xml.HL7, "ClinicalDocument");
    cda.appendChild(root);
    Element t = cda.createElementNS(Xml.HL7, "title");
    t.setTextContent(title);
    root.appendChild(t);
    return Xml.string(root).getBytes(StandardCharsets.UTF_8);
  }

  /** A coded classification: the code, its coding scheme (slot) and its display name. */
  private static void coded(
      ExtrinsicObjectBuilder entry,
      String scheme,
      String code,
      String codingScheme,
      String display) {
    entry.classification(
        code, scheme, code, Optional.of(display), new Slot("codingScheme", codingScheme));
  }
}
