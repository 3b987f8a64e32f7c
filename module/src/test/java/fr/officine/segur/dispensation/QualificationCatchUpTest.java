package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.event.EventType;
import fr.officine.segur.api.event.EventView;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.identity.IdentityDocumentRequest;
import fr.officine.segur.api.identity.InsView;
import fr.officine.segur.api.identity.QualificationRequest;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.TestDatabases;
import fr.officine.segur.dmp.document.DispensationDocument;
import fr.officine.segur.dmp.document.DispensationSamples;
import fr.officine.segur.dmp.document.DocumentEntryMetadata;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.event.EventLog;
import fr.officine.segur.http.JsonCodec;
import fr.officine.segur.identity.PatientIdentities;
import fr.officine.segur.identity.RetrievedIdentity;
import fr.officine.segur.outbox.Outbox;
import fr.officine.segur.outbox.OutboxEntry;
import fr.officine.segur.outbox.OutboxPoller;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.outbox.Reason;
import fr.officine.segur.prescription.ExecutionOutcome;
import fr.officine.segur.testing.SampleDispensations;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §1: QualificationRelease runs after the qualification's commit; a kill -9 between the
 * two left the INS qualified but the DMP send held « INS non qualifié » for good. The catch-up at
 * start releases it, once, and only for the pharmacy that qualified the INS (issue 11 §1).
 */
class QualificationCatchUpTest {
  static final String MARCHE = SandboxSeed.PHARMACIE_DU_MARCHE.finess();
  static final String ARCADES = SandboxSeed.PHARMACIE_DES_ARCADES.finess();
  static final Ins LEGRAND = Ins.fromInsi("2690275123456", "12", "1.2.250.1.213.1.4.10");
  static final Ins DURAND = Ins.fromInsi("1800199123456", "72", "1.2.250.1.213.1.4.10");

  Database db;
  Accounts accounts;
  DispensationStore store;
  Outbox outbox;
  FeedWriter writer;
  EventLog log;
  PatientIdentities identities;
  final AtomicInteger woken = new AtomicInteger();
  QualificationCatchUp catchUp;

  @BeforeEach
  void database() {
    db = new Database(TestDatabases.migrated(TestDatabases.H2));
    accounts = new Accounts(db);
    new SandboxSeed(accounts, new PasswordHasher(), "sandbox").seed();
    store = new DispensationStore(db);
    outbox = new Outbox(db);
    log = new EventLog(db, new JsonCodec());
    writer = new FeedWriter(new DocumentStore(db), outbox, new SendRouting(null));
    identities = new PatientIdentities(db);
    QualificationRelease release =
        new QualificationRelease(
            new DocumentStore(db),
            outbox,
            new OutboxPoller() {
              @Override
              public void wake() {
                woken.incrementAndGet(); // the sending thread is not under test here
              }
            },
            identities,
            new DocumentBuilder());
    // a page of one: the held patient of another pharmacy, or one not qualified, is passed over
    catchUp = new QualificationCatchUp(db, identities, release, 1);
  }

  @Test
  void a_qualification_committed_without_its_release_is_released_at_start_once_for_its_pharmacy() {
    DispensationId marche = held(MARCHE, LEGRAND);
    DispensationId arcades = held(ARCADES, LEGRAND);
    DispensationId notQualified = held(MARCHE, DURAND);
    // The window: the qualification is committed (no CDI here: its release never ran).
    qualifyAtMarche(LEGRAND);
    assertThat(dmp(marche).state()).isEqualTo(OutboxState.NOT_APPLICABLE);

    assertThat(catchUp.run()).isEqualTo(1);

    OutboxEntry released = dmp(marche);
    assertThat(released.state()).isEqualTo(OutboxState.PENDING);
    assertThat(released.reasonCode()).contains(SendReason.INS_QUALIFIED_RELEASED);
    assertThat(dmp(arcades).state())
        .as("the Marché's qualification releases nothing of the Arcades")
        .isEqualTo(OutboxState.NOT_APPLICABLE);
    assertThat(dmp(arcades).reasonCode()).contains(SendReason.INS_NOT_QUALIFIED);
    assertThat(dmp(notQualified).state()).isEqualTo(OutboxState.NOT_APPLICABLE);
    assertThat(woken).hasValue(1);

    assertThat(catchUp.run()).as("a second start finds the release done").isEqualTo(0);
    assertThat(reopened(MARCHE, marche)).hasSize(1);
    assertThat(reopened(ARCADES, arcades)).isEmpty();
    assertThat(reopened(MARCHE, notQualified)).isEmpty();
    EventView event = reopened(MARCHE, marche).get(0);
    assertThat(event.data().target()).isEqualTo("DMP");
    assertThat(event.data().state()).isEqualTo("PENDING");
    assertThat(event.data().reasonCode()).isEqualTo("INS_QUALIFIED_RELEASED");
  }

  @Test
  void a_release_that_did_run_is_not_repeated_at_start() {
    DispensationId marche = held(MARCHE, LEGRAND);
    qualifyAtMarche(LEGRAND);
    assertThat(
            outbox.reopenIf(
                marche,
                OutboxTarget.DMP,
                SendReason.INS_NOT_QUALIFIED,
                Reason.of(SendReason.INS_QUALIFIED_RELEASED)))
        .isTrue();

    assertThat(catchUp.run()).isZero();
    assertThat(reopened(MARCHE, marche)).hasSize(1);
    assertThat(woken).hasValue(0);
  }

  /**
   * A dispensation of {@code finess} recorded before {@code ins} was qualified: its document names
   * the patient, its DMP send is NOT_APPLICABLE for INS_NOT_QUALIFIED.
   */
  DispensationId held(String finess, Ins ins) {
    DispensationId id = DispensationId.newId();
    store.insert(SampleDispensations.of(id, finess, DispensationStatus.SUBMITTING));
    Dispensation d = store.find(id).orElseThrow();
    var data = DispensationSamples.knownGood();
    var document =
        new DispensationDocument(
            "2.25." + Math.abs(id.toString().hashCode()),
            "<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8),
            new byte[0]);
    DispensationFeed.Prepared prepared =
        new DispensationFeed.Prepared(
            Optional.of(
                new DispensationFeed.Built(
                    document,
                    DocumentEntryMetadata.of(data, document),
                    Optional.of(ins),
                    data.responsiblePharmacist(),
                    OffsetDateTime.now())),
            OutboxState.NOT_APPLICABLE,
            Optional.of(Reason.of(SendReason.INS_NOT_QUALIFIED)));
    assertThat(
            store.recordAccepted(
                id,
                new ExecutionOutcome("execution-" + id, false, List.of(), null),
                "PARTIAL",
                h -> writer.write(h, d, prepared),
                null))
        .isTrue();
    assertThat(dmp(id).reasonCode()).contains(SendReason.INS_NOT_QUALIFIED);
    return id;
  }

  void qualifyAtMarche(Ins ins) {
    var titulaire = accounts.find("titulaire").orElseThrow();
    identities.recordRetrieved(
        new RetrievedIdentity(
            ins,
            List.of(),
            "LEGRAND",
            List.of("CAMILLE", "MARIE"),
            "F",
            LocalDate.of(1969, 2, 3),
            Optional.of("75056")),
        titulaire);
    identities.qualify(
        new QualificationRequest(
            new InsView(ins.matricule(), ins.key(), ins.oid()),
            new IdentityDocumentRequest("PASSEPORT", true)),
        titulaire);
    assertThat(identities.qualified(ins, MARCHE)).isPresent();
    assertThat(identities.qualified(ins, ARCADES)).isEmpty();
  }

  OutboxEntry dmp(DispensationId id) {
    return outbox.forDispensation(id).stream()
        .filter(e -> e.target() == OutboxTarget.DMP)
        .findFirst()
        .orElseThrow();
  }

  List<EventView> reopened(String finess, DispensationId id) {
    return log.after(finess, 0, EventLog.MAX_PAGE).stream()
        .filter(e -> e.type() == EventType.SEND_REOPENED)
        .filter(e -> id.toString().equals(e.data().dispensationId()))
        .toList();
  }
}
