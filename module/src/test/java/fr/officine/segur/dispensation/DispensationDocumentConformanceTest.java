package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.identity.IdentityDocumentRequest;
import fr.officine.segur.api.identity.InsView;
import fr.officine.segur.api.identity.QualificationRequest;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.dmp.document.CdaSchema;
import fr.officine.segur.dmp.document.ConformanceMaterial;
import fr.officine.segur.dmp.document.DocumentEntryMetadata;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.dmp.document.Schematron;
import fr.officine.segur.identity.PatientIdentities;
import fr.officine.segur.identity.RetrievedIdentity;
import fr.officine.segur.outbox.Outbox;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.prescription.PrescriptionStatus;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12 §1: every document the module generates passes what the ANS applies to an eDISP-MED
 * document (the {@code <?oxygen SCHSchema?>} lines of its sample): StrucMin, CI-SIS content models,
 * ANS models, IHE and eDISP-MED 2024.01, all in phase #ALL, and CDA_extended.xsd; plus the
 * project's own complements. Over a matrix of real dispensations, each document built by the
 * production path: {@link DispensationFeed#prepare} (what the counter calls once the base accepted
 * the execution, whose bytes are stored and sent by the outbox), with the production accounts and
 * identity repository on H2 (the real migrations), INS qualified through the real qualification
 * rules.
 *
 * <p>Warnings: none today. A warning accepted later goes in {@link #JUSTIFIED_WARNINGS} with the
 * reason; an unlisted one fails the test like an error.
 *
 * <p>Counts per document and schematron are written to {@code target/conformance/counts.md}.
 */
class DispensationDocumentConformanceTest {
  static final String MARCHE = "690100011";

  /** The INS test identity of the ANS examples (NESSI RUTH ISABELLE, DOMAIN-FACTS §3.4). */
  static final Ins NESSI = Ins.fromInsi("2770763220829", "10", "1.2.250.1.213.1.4.10");

  /** A patient born abroad (COG 99134 = Espagne) with three birth first names. */
  static final Ins ECETINSI = Ins.fromInsi("1550599100028", "34", "1.2.250.1.213.1.4.10");

  /** Warning text → why it is accepted. Empty: every warning is fixed. */
  static final Map<String, String> JUSTIFIED_WARNINGS = Map.of();

  static final Map<String, String> SCHEMATRONS = new LinkedHashMap<>();

  static {
    SCHEMATRONS.put("StrucMin", ConformanceMaterial.STRUC_MIN);
    SCHEMATRONS.put("CI-SIS_ModelesDeContenusCDA", ConformanceMaterial.MODELES_DE_CONTENUS);
    SCHEMATRONS.put("CI-SIS_Modeles_ANS", ConformanceMaterial.MODELES_ANS);
    SCHEMATRONS.put("IHE", ConformanceMaterial.IHE);
    SCHEMATRONS.put("eDISP-MED_2024.01", ConformanceMaterial.EDISP);
  }

  static Map<String, Schematron> compiled;
  static Schematron complements;
  static CdaSchema xsd;
  static Database db;
  static Accounts accounts;
  static PatientIdentities identities;
  static DispensationFeed feed;
  static final List<String> counts = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    compiled = new LinkedHashMap<>();
    SCHEMATRONS.forEach(
        (name, path) -> compiled.put(name, new Schematron(ConformanceMaterial.resolve(path))));
    complements =
        new Schematron(ConformanceMaterial.resolve("schematron/officine-edisp-complements.sch"));
    xsd = new CdaSchema();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:conformance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    db = new Database(h2);
    accounts = new Accounts(db);
    new SandboxSeed(accounts, new PasswordHasher(), "sandbox").seed();
    identities = new PatientIdentities(db);
    Account titulaire = accounts.find("titulaire").orElseThrow();
    // Both patients' INS retrieved through INSi (00) and qualified with a passport, as at the
    // counter.
    qualify(
        new RetrievedIdentity(
            NESSI,
            List.of(),
            "NESSI",
            List.of("RUTH", "ISABELLE"),
            "F",
            LocalDate.of(1977, 7, 14),
            Optional.of("51215")),
        titulaire);
    qualify(
        new RetrievedIdentity(
            ECETINSI,
            List.of(),
            "ECETINSI",
            List.of("PIERRE", "ALAIN", "JOSÉ"),
            "M",
            LocalDate.of(1955, 5, 1),
            Optional.of("99134")),
        titulaire);
    // The poller and the DMP route serve write()/committed(), not the document: prepare() is the
    // whole production build (identity, mapping, PDF, CDA, XDS metadata).
    feed = productionFeed();
  }

  /** The production feed on H2; the DMP route is not consulted for a send held back. */
  static DispensationFeed productionFeed() {
    return new DispensationFeed(
        new DmpIdentityGate(identities),
        new DocumentDataAssembler(accounts),
        new DocumentBuilder(),
        new FeedWriter(new DocumentStore(db), new Outbox(db), new SendRouting(null)),
        null,
        new DocumentStore(db),
        new Outbox(db));
  }

  static void qualify(RetrievedIdentity identity, Account by) {
    identities.recordRetrieved(identity, by);
    identities.qualify(
        new QualificationRequest(
            new InsView(identity.ins().matricule(), identity.ins().key(), identity.ins().oid()),
            new IdentityDocumentRequest("PASSEPORT", true)),
        by);
  }

  @AfterAll
  static void writeCounts() throws IOException {
    Path out = Path.of("target", "conformance");
    Files.createDirectories(out);
    List<String> lines = new ArrayList<>();
    lines.add("| document | " + String.join(" | ", SCHEMATRONS.keySet()) + " | XSD |");
    lines.add("|---".repeat(SCHEMATRONS.size() + 2) + "|");
    lines.addAll(counts);
    Files.write(out.resolve("counts.md"), lines);
  }

  // ------------------------------------------------------------------ the matrix

  record Case(String name, String login, Prescription prescription, Dispensation dispensation) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> matrix() {
    return Stream.of(
            full(),
            partial(),
            secondPartial(),
            renewal(),
            genericSubstitution(),
            notDelivered(),
            handwritten(),
            handwrittenWithoutCip13(),
            narcotic(),
            preparateur(),
            bornAbroad(),
            insNotQualified(),
            noIns())
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void the_document_passes_every_ans_schematron_and_the_cda_schema(Case c) throws Exception {
    DispensationFeed.Prepared prepared = feed.prepare(c.dispensation(), c.prescription());
    assertThat(prepared.document()).as("document of " + c.name()).isPresent();
    byte[] cda = prepared.document().get().document().cda();
    Path out = Path.of("target", "conformance");
    Files.createDirectories(out);
    Files.write(out.resolve(c.name() + ".cda.xml"), cda);

    StringBuilder row = new StringBuilder("| " + c.name() + " |");
    Map<String, List<String>> errors = new LinkedHashMap<>();
    Map<String, List<String>> unjustified = new LinkedHashMap<>();
    for (var e : compiled.entrySet()) {
      Schematron.Report report = e.getValue().validate(cda);
      row.append(' ')
          .append(report.errors().size())
          .append(" E / ")
          .append(report.warnings().size())
          .append(" W |");
      assertThat(report.firedRules()).as(e.getKey() + " applies to the document").isPositive();
      errors.put(e.getKey(), report.errors());
      unjustified.put(
          e.getKey(),
          report.warnings().stream().filter(w -> !JUSTIFIED_WARNINGS.containsKey(w)).toList());
    }
    List<String> schemaErrors = xsd.errors(cda);
    row.append(' ').append(schemaErrors.size()).append(" E |");
    counts.add(row.toString());

    assertThat(errors)
        .as("schematron errors of " + c.name())
        .allSatisfy((k, v) -> assertThat(v).as(k).isEmpty());
    assertThat(unjustified)
        .as("unjustified warnings of " + c.name())
        .allSatisfy((k, v) -> assertThat(v).as(k).isEmpty());
    assertThat(schemaErrors).as("CDA_extended.xsd").isEmpty();
    assertThat(complements.validate(cda).failedAsserts()).as("project complements").isEmpty();
  }

  @Test
  void a_handwritten_line_without_cip13_no_longer_keeps_the_dispensation_from_the_dmp() {
    // Issue 11 #9: was NOT_APPLICABLE « Document de dispensation non produit : produit sans code
    // CIP13 ».
    Case c = handwrittenWithoutCip13();
    DispensationFeed.Prepared prepared = feed.prepare(c.dispensation(), c.prescription());
    assertThat(prepared.dmpReason()).isEmpty();
    assertThat(prepared.dmpState()).isEqualTo(OutboxState.PENDING);
    assertThat(
            new String(
                prepared.document().orElseThrow().document().cda(),
                java.nio.charset.StandardCharsets.UTF_8))
        .contains("<name>Pommade préparée à l'officine selon la mention manuscrite</name>")
        .contains("3400935955838");
  }

  @Test
  void a_document_waiting_for_the_qualification_leaves_with_the_insi_traits() throws Exception {
    // Built while the INS was not qualified (base traits: one first name, birth place unknown);
    // the pharmacist then qualifies it: the document that leaves names the patient as INSi does.
    Ins ins = Ins.fromInsi("2690275123456", "12", "1.2.250.1.213.1.4.10");
    Case c = oneLine("released", "SBXMATRIXRELEA0001", ins, "LEGRAND", "CAMILLE");
    new DispensationStore(db).insert(c.dispensation());
    DispensationFeed.Prepared prepared = feed.prepare(c.dispensation(), c.prescription());
    assertThat(prepared.dmpState()).isEqualTo(OutboxState.NOT_APPLICABLE);
    db.useTransaction(h -> feed.write(h, c.dispensation(), prepared));
    java.util.concurrent.atomic.AtomicInteger woken =
        new java.util.concurrent.atomic.AtomicInteger();
    QualificationRelease releasing =
        new QualificationRelease(
            new DocumentStore(db),
            new Outbox(db),
            new fr.officine.segur.outbox.OutboxPoller() {
              @Override
              public void wake() {
                woken.incrementAndGet(); // the sending thread is not under test here
              }
            },
            identities,
            new DocumentBuilder());

    qualify(
        new RetrievedIdentity(
            ins,
            List.of(),
            "LEGRAND",
            List.of("CAMILLE", "MARIE", "LOUISE"),
            "F",
            LocalDate.of(1969, 2, 3),
            Optional.of("75056")),
        accounts.find("titulaire").orElseThrow());
    releasing.onQualified(new fr.officine.segur.identity.IdentityQualified(ins, MARCHE));

    var stored = new DocumentStore(db).find(c.dispensation().id()).orElseThrow();
    byte[] cda = stored.document().cda();
    assertThat(new String(cda, java.nio.charset.StandardCharsets.UTF_8))
        .contains("<given>CAMILLE MARIE LOUISE</given>")
        .contains("<county>75056</county>")
        .contains("<birthTime value=\"19690203\"/>");
    assertThat(stored.metadata().size()).isEqualTo(cda.length);
    assertThat(stored.metadata().hashSha1())
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(cda)));
    assertThat(stored.metadata().sourcePatientBirthDate()).isEqualTo("PID-7|19690203");
    assertThat(new Outbox(db).forDispensation(c.dispensation().id()))
        .anySatisfy(e -> assertThat(e.state()).isEqualTo(OutboxState.PENDING));
    assertThat(woken).hasValue(1);
    for (var e : compiled.entrySet()) {
      Schematron.Report report = e.getValue().validate(cda);
      assertThat(report.errors()).as(e.getKey()).isEmpty();
      assertThat(report.warnings()).as(e.getKey()).isEmpty();
    }
    assertThat(xsd.errors(cda)).isEmpty();
  }

  @Test
  void the_qualified_ins_traits_of_insi_are_those_of_the_document() {
    Case c = bornAbroad();
    String cda =
        new String(
            feed.prepare(c.dispensation(), c.prescription())
                .document()
                .orElseThrow()
                .document()
                .cda(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(cda)
        .contains("<given qualifier=\"BR\">PIERRE</given>")
        .contains("<given>PIERRE ALAIN JOSÉ</given>")
        .contains("<family qualifier=\"BR\">ECETINSI</family>")
        .contains("<county>99134</county>");
  }

  @Test
  void the_prescriber_is_coded_from_jdv_j01_by_the_specialty_the_base_gives() {
    Case c = full();
    DispensationFeed.Prepared prepared = feed.prepare(c.dispensation(), c.prescription());
    String cda =
        new String(
            prepared.document().orElseThrow().document().cda(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(cda)
        .contains(
            "<code code=\"G15_10/SM40\" codeSystem=\"1.2.250.1.213.1.1.4.5\" displayName=\"Médecin - Pédiatrie (SM)\"/>");
    DocumentEntryMetadata metadata = prepared.document().get().metadata();
    assertThat(metadata.patientId()).contains("277076322082910^^^&1.2.250.1.213.1.4.10&ISO^NH");
  }

  // Cases: the prescription as the base returns it after the execution, and the dispensation as
  // the module stored it with the base's answer (quantities, completeness as the base codes it).

  static final OffsetDateTime AT =
      OffsetDateTime.of(2026, 11, 23, 10, 42, 0, 0, ZoneOffset.ofHours(1));
  static final Prescription.Product DOLIPRANE =
      new Prescription.Product(
          "3400935955838", "1.2.250.1.213.2.3.2", "DOLIPRANE 1000 mg, comprimé, boîte de 8");
  static final Prescription.Product CLAMOXYL =
      new Prescription.Product(
          "3400934998331", "1.2.250.1.213.2.3.2", "CLAMOXYL 1 g, comprimé dispersible, boîte de 6");
  static final Prescription.Product AMOXICILLINE =
      new Prescription.Product(
          "3400936404250", null, "AMOXICILLINE BIOGARAN 1 g, comprimé dispersible, boîte de 6");
  static final Prescription.Product SERUM =
      new Prescription.Product(
          "3400933989491",
          "1.2.250.1.213.2.3.2",
          "SÉRUM PHYSIOLOGIQUE, unidoses de 5 ml, boîte de 40");
  static final Prescription.Product SKENAN =
      new Prescription.Product(
          "3400934432262",
          "1.2.250.1.213.2.3.2",
          "SKENAN LP 30 mg, microgranules en gélule, boîte de 14");

  static Case full() {
    return forNessi(
        "full",
        "titulaire",
        "SBXMATRIXFULL00001",
        "Pédiatrie",
        List.of(line("L1", DOLIPRANE, 2, 0, 2, false)),
        List.of(delivered("L1", 2, "FFC", 0)),
        List.of());
  }

  static Case partial() {
    return forNessi(
        "partial",
        "titulaire",
        "SBXMATRIXPART00001",
        "Médecine générale",
        List.of(line("L1", CLAMOXYL, 3, 0, 1, false)),
        List.of(delivered("L1", 1, "FFP", 2)),
        List.of());
  }

  static Case secondPartial() {
    return forNessi(
        "second-partial",
        "adjoint",
        "SBXMATRIXPART00002",
        "Médecine générale",
        List.of(line("L1", CLAMOXYL, 3, 0, 3, false)),
        List.of(delivered("L1", 2, "RFC", 0)),
        List.of());
  }

  static Case renewal() {
    return forNessi(
        "renewal",
        "titulaire",
        "SBXMATRIXRENEW0001",
        "Cardiologie",
        List.of(line("L1", DOLIPRANE, 1, 2, 2, false)),
        List.of(delivered("L1", 1, "RFC", 1)),
        List.of());
  }

  static Case genericSubstitution() {
    return forNessi(
        "generic-substitution",
        "titulaire",
        "SBXMATRIXSUBST0001",
        "Médecine générale",
        List.of(line("L1", CLAMOXYL, 1, 0, 1, false)),
        List.of(
            new Dispensation.Line(
                "L1",
                1,
                Optional.of(AMOXICILLINE),
                Optional.empty(),
                Optional.of(new Dispensation.Accepted(1, "FFC", 0)))),
        List.of());
  }

  static Case notDelivered() {
    return forNessi(
        "line-not-delivered",
        "titulaire",
        "SBXMATRIXNODEL0001",
        "Médecine générale",
        List.of(line("L1", DOLIPRANE, 1, 0, 1, false), line("L2", SERUM, 1, 0, 0, false)),
        List.of(
            delivered("L1", 1, "FFC", 0),
            new Dispensation.Line(
                "L2",
                0,
                Optional.empty(),
                Optional.of(NotDeliveredReason.RUPTURE_STOCK),
                Optional.empty())),
        List.of());
  }

  static Case handwritten() {
    return forNessi(
        "handwritten-line",
        "titulaire",
        "SBXMATRIXHAND00001",
        "Médecine générale",
        List.of(line("L1", DOLIPRANE, 1, 0, 1, false)),
        List.of(delivered("L1", 1, "FFC", 0)),
        List.of(
            new Dispensation.HandwrittenLine(
                "3400930000014",
                "BISEPTINE, solution pour application cutanée, flacon de 250 ml",
                1)));
  }

  static Case handwrittenWithoutCip13() {
    return forNessi(
        "handwritten-line-without-cip13",
        "titulaire",
        "SBXMATRIXHAND00002",
        "Dermatologie et Vénéréologie",
        List.of(line("L1", DOLIPRANE, 1, 0, 1, false)),
        List.of(delivered("L1", 1, "FFC", 0)),
        List.of(
            new Dispensation.HandwrittenLine(
                null, "Pommade préparée à l'officine selon la mention manuscrite", 1)));
  }

  static Case narcotic() {
    return forNessi(
        "narcotic",
        "titulaire",
        "SBXMATRIXSTUP00001",
        "Médecine générale",
        List.of(line("L1", SKENAN, 2, 0, 2, true)),
        List.of(delivered("L1", 2, "FFC", 0)),
        List.of());
  }

  static Case preparateur() {
    return forNessi(
        "preparateur-delivering",
        "preparateur",
        "SBXMATRIXPREP00001",
        "Médecine générale",
        List.of(line("L1", DOLIPRANE, 1, 0, 1, false)),
        List.of(delivered("L1", 1, "FFC", 0)),
        List.of());
  }

  static Case bornAbroad() {
    return oneLine(
        "several-first-names-born-abroad", "SBXMATRIXABRD00001", ECETINSI, "ECETINSI", "PIERRE");
  }

  static Case insNotQualified() {
    // An INS the base gives but nobody qualified here: the document exists (print, later release).
    return oneLine(
        "ins-not-qualified",
        "SBXMATRIXNOQU00001",
        Ins.fromInsi("1800199123456", "72", "1.2.250.1.213.1.4.10"),
        "DURAND",
        "PAUL");
  }

  static Case noIns() {
    return oneLine("no-ins", "SBXMATRIXNOINS0001", null, "MARTIN", "LÉA");
  }

  static Case forNessi(
      String name,
      String login,
      String number,
      String specialty,
      List<Prescription.Line> lines,
      List<Dispensation.Line> delivered,
      List<Dispensation.HandwrittenLine> handwritten) {
    return new Case(
        name,
        login,
        prescription(number, specialty, NESSI, "NESSI", "RUTH", lines),
        dispensation(number, login, delivered, handwritten));
  }

  /** One box of one line, delivered by the titulaire, for the patient given. */
  static Case oneLine(String name, String number, Ins ins, String birthName, String firstName) {
    return new Case(
        name,
        "titulaire",
        prescription(
            number,
            "Médecine générale",
            ins,
            birthName,
            firstName,
            List.of(line("L1", DOLIPRANE, 1, 0, 1, false))),
        dispensation(number, "titulaire", List.of(delivered("L1", 1, "FFC", 0)), List.of()));
  }

  static Prescription.Line line(
      String id,
      Prescription.Product product,
      int quantity,
      int renewals,
      int deliveredTotal,
      boolean narcotic) {
    int total = quantity * (renewals + 1);
    return new Prescription.Line(
        id,
        product,
        "1 comprimé 3 fois par jour",
        quantity,
        renewals,
        total,
        deliveredTotal,
        total - deliveredTotal,
        Math.max(0, quantity - deliveredTotal % quantity),
        true,
        narcotic,
        false,
        List.of(),
        null,
        null);
  }

  static Prescription prescription(
      String number,
      String specialty,
      Ins ins,
      String birthName,
      String firstName,
      List<Prescription.Line> lines) {
    return new Prescription(
        PrescriptionNumber.of(number),
        PrescriptionStatus.PARTIAL,
        LocalDate.of(2026, 11, 20),
        LocalDate.of(2027, 2, 20),
        new Prescription.Prescriber("10100000040", "LEFEBVRE", "Anne", specialty),
        new Prescription.Patient(
            ins == null ? null : ins.matricule() + ins.key(),
            ins == null ? null : ins.oid(),
            birthName,
            firstName,
            LocalDate.of(1977, 7, 14),
            "F"),
        lines);
  }

  static Dispensation.Line delivered(
      String lineId, int quantity, String completeness, int remaining) {
    return new Dispensation.Line(
        lineId,
        quantity,
        Optional.empty(),
        Optional.empty(),
        Optional.of(new Dispensation.Accepted(quantity, completeness, remaining)));
  }

  static Dispensation dispensation(
      String number,
      String login,
      List<Dispensation.Line> lines,
      List<Dispensation.HandwrittenLine> handwritten) {
    Account who = accounts.find(login).orElseThrow();
    return new Dispensation(
        DispensationId.newId(),
        PrescriptionNumber.of(number),
        MARCHE,
        "Pharmacie du Marché",
        login,
        who.rpps(),
        who.displayName(),
        AuthMode.INDIRECTE,
        DispensationStatus.RECORDED,
        AT,
        1,
        Optional.of(AT),
        Optional.of("PARTIELLEMENT_DELIVREE"),
        Optional.empty(),
        lines,
        handwritten);
  }
}
