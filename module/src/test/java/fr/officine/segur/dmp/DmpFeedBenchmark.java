package fr.officine.segur.dmp;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.InsType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.TestDatabases;
import fr.officine.segur.dispensation.DispensationStatus;
import fr.officine.segur.dispensation.DispensationStore;
import fr.officine.segur.dmp.document.DispensationDocument;
import fr.officine.segur.dmp.document.DispensationDocumentData;
import fr.officine.segur.dmp.document.DispensationDocuments;
import fr.officine.segur.dmp.document.DispensationSamples;
import fr.officine.segur.dmp.document.DocumentEntryMetadata;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.outbox.Backoff;
import fr.officine.segur.outbox.Outbox;
import fr.officine.segur.outbox.OutboxDrain;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.testing.SampleDispensations;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.PharmacyCredentials;
import fr.officine.segur.trust.Role;
import fr.officine.segur.trust.SandboxSeed;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Benchmark (not a test): (1) dispensation documents built per second: PDF (Jasper) + CDA eDISP +
 * XDS metadata + the ITI-41 request + a signed VIHF envelope, no network; (2) outbox drain rate: N
 * outbox rows sent by {@link OutboxDrain} to a running sandbox DMP (what the module's poller does),
 * each an ITI-41 with MTOM and a signed VIHF: one at a time, then N more in parallel ({@code
 * perService} at once, default 16), on H2 or PostgreSQL (started by deploy/postgres.sh); (3)
 * interleaved with two parallel drains, the same kind of ITI-41 calls posted directly to the
 * sandbox, {@code perService} at once: the ratio says whether the outbox or the sandbox bounds the
 * drain (issue 13 §7).
 *
 * <p>Run (sandbox on 18190: {@code java -jar deploy/sandbox/target/sandbox.jar --port 18190 --data
 * /tmp/sbx}): {@code java -cp module/target/test-classes:module/target/classes:$(cat
 * module/target/test.classpath) fr.officine.segur.dmp.DmpFeedBenchmark http://127.0.0.1:18190 200
 * /tmp/sbx/pki/issued [H2|PostgreSQL] [16] [sequential count, 0: none] [turns]} (the pharmacy's
 * certificate as that sandbox issued it; an https address is called with it).
 */
public final class DmpFeedBenchmark {
  static final Ins ADRUN_ZOE = new Ins("2751263220749", "74", InsType.NIR);

  public static void main(String[] args) throws Exception {
    String sandbox = args.length > 0 ? args[0] : "http://127.0.0.1:18190";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path pki = Path.of(args.length > 2 ? args[2] : "/tmp/sbx/pki/issued");
    PharmacyCredentials credentials = new PharmacyCredentials(pki);
    Dmp dmp = new Dmp(credentials, sandbox + "/dmp", 1000, 10000, 1500, "SANDBOX-0001");
    DispensationDocuments documents = DispensationDocuments.create();

    // (1) build + sign, warm-up first
    for (int i = 0; i < 20; i++) {
      buildAndSign(documents, credentials, i);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      buildAndSign(documents, credentials, 1000 + i);
    }
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "documents built+signed: %d in %.2f s = %.1f/s (%.1f ms each)%n",
        n, buildSeconds, n / buildSeconds, buildSeconds * 1000 / n);

    // (2) outbox drain against the sandbox DMP: the same backlog sent one at a time, then in
    // parallel within the bounds (issue 13 §3), on the chosen database
    String engine = args.length > 3 ? args[3] : TestDatabases.H2;
    int perService = args.length > 4 ? Integer.parseInt(args[4]) : 16;
    Database db = new Database(TestDatabases.migrated(engine));
    Accounts accounts = new Accounts(db);
    accounts.addPharmacyIfAbsent(SandboxSeed.PHARMACIE_DU_MARCHE);
    accounts.add(
        new Account(
            "titulaire",
            "x",
            Optional.of("10100000016"),
            "MARTIN",
            "Claire",
            Role.TITULAIRE,
            SandboxSeed.PHARMACIE_DU_MARCHE));
    // the DMP is fed with qualified INS only: ADRUN ZOE as a pharmacist of the pharmacy would have
    // qualified her
    db.jdbcTransaction(
        c -> {
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO patient_identity (pharmacy_finess, matricule, ins_key, oid, status, birth_name, first_names,"
                      + " sex, birth_date, retrieved_at, retrieved_by, qualified_at, qualified_by, document_type)"
                      + " VALUES ('690100011', ?, ?, ?, 'QUALIFIEE', 'ADRUN', 'ZOE', 'F', DATE '1975-12-31', CURRENT_TIMESTAMP,"
                      + " 'titulaire', CURRENT_TIMESTAMP, 'titulaire', 'PASSEPORT')")) {
            ps.setString(1, ADRUN_ZOE.matricule());
            ps.setString(2, ADRUN_ZOE.key());
            ps.setString(3, ADRUN_ZOE.oid());
            return ps.executeUpdate();
          }
        });
    DispensationStore dispensations = new DispensationStore(db);
    DocumentStore store = new DocumentStore(db);
    Outbox outbox = new Outbox(db);
    DmpSender sender =
        new DmpSender(store, dmp, new fr.officine.segur.identity.PatientIdentities(db));
    int sequentialCount = args.length > 5 ? Integer.parseInt(args[5]) : n;
    ExecutorService pool = Executors.newFixedThreadPool(perService);
    try {
      double sequential =
          sequentialCount == 0
              ? Double.NaN
              : drainRate(
                  "sequential",
                  backlog(sequentialCount, documents, dispensations, store, outbox, db),
                  outbox,
                  new OutboxDrain(
                      outbox,
                      Map.of(OutboxTarget.DMP, sender),
                      new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), 0.2),
                      new Random(),
                      new OutboxDrain.Bounds(1, 1, Duration.ofMinutes(2), "bench"),
                      Runnable::run));
      // (3) the sandbox's own capacity for the same calls: the same kind of documents posted
      // directly, perService at once, without the outbox (no claim, no read, no settle);
      // interleaved with the outbox's parallel drain so both see the same machine load
      int turns = args.length > 6 ? Integer.parseInt(args[6]) : 2;
      double[] drained = new double[turns];
      double[] direct = new double[turns];
      for (int turn = 0; turn < turns; turn++) {
        drained[turn] =
            drainRate(
                "parallel " + perService + ", turn " + (turn + 1),
                backlog(n, documents, dispensations, store, outbox, db),
                outbox,
                new OutboxDrain(
                    outbox,
                    Map.of(OutboxTarget.DMP, sender),
                    new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), 0.2),
                    new Random(),
                    new OutboxDrain.Bounds(perService, perService, Duration.ofMinutes(2), "bench"),
                    pool));
        direct[turn] = directRate(dmp, documents, n, perService, turn + 1);
      }
      double parallel = java.util.Arrays.stream(drained).average().orElseThrow();
      double straight = java.util.Arrays.stream(direct).average().orElseThrow();
      System.out.printf(
          "outbox drain on %s: sequential %.2f sends/s, parallel %d %.2f sends/s (%.1f×),"
              + " ITI-41 posted directly %d at once %.2f sends/s; outbox/direct = %.2f%n",
          engine,
          sequential,
          perService,
          parallel,
          parallel / sequential,
          perService,
          straight,
          parallel / straight);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * {@code n} ITI-41 submissions of new documents (built before the clock starts, as the outbox's
   * backlog is) sent straight through the DMP client, {@code parallel} threads: what the sandbox
   * and the client answer without the outbox around them.
   */
  static double directRate(Dmp dmp, DispensationDocuments documents, int n, int parallel, int turn)
      throws Exception {
    String run = Long.toString(System.nanoTime());
    java.util.List<java.util.concurrent.Callable<Boolean>> calls = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      DispensationDocumentData data = data("2.25." + run + i);
      DispensationDocument doc = documents.build(data);
      XdsSubmission.Submission submission =
          new XdsSubmission.Submission(
              DocumentEntryMetadata.of(data, doc),
              doc.cda(),
              "2.25.7" + run + i,
              DmpSender.SOURCE_ID,
              "20261202190000");
      DmpActor actor =
          new DmpActor(
              data.responsiblePharmacist(),
              fr.officine.segur.trust.AuthMode.INDIRECTE,
              "690100011",
              "Pharmacie du Marché",
              ADRUN_ZOE);
      calls.add(() -> dmp.iti41().send(actor, submission).success());
    }
    ExecutorService threads = Executors.newFixedThreadPool(parallel);
    try {
      long t0 = System.nanoTime();
      int ok = 0;
      int failed = 0;
      for (var f : threads.invokeAll(calls)) {
        try {
          if (f.get()) {
            ok++;
          } else {
            failed++;
          }
        } catch (java.util.concurrent.ExecutionException e) {
          failed++;
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "ITI-41 posted directly (%d at once, turn %d): %d accepted of %d in %.2f s = %.2f sends/s"
              + " (%d failed: timeout or error)%n",
          parallel, turn, ok, n, seconds, ok / seconds, failed);
      return ok / seconds;
    } finally {
      threads.shutdownNow();
    }
  }

  /** {@code n} recorded dispensations, each with its stored document and a PENDING DMP send. */
  static int backlog(
      int n,
      DispensationDocuments documents,
      DispensationStore dispensations,
      DocumentStore store,
      Outbox outbox,
      Database db) {
    String run = Long.toString(System.nanoTime());
    for (int i = 0; i < n; i++) {
      DispensationId id = DispensationId.newId();
      dispensations.insert(SampleDispensations.of(id, "690100011", DispensationStatus.RECORDED));
      DispensationDocumentData data = data("2.25." + run + i);
      DispensationDocument doc = documents.build(data);
      db.useTransaction(
          h -> {
            store.insert(
                h,
                id,
                doc,
                DocumentEntryMetadata.of(data, doc),
                data.patient().ins(),
                data.responsiblePharmacist(),
                OffsetDateTime.now());
            outbox.enqueue(
                h, id, "690100011", OutboxTarget.DMP, OutboxState.PENDING, Optional.empty());
          });
    }
    return n;
  }

  /**
   * Drains until the backlog is all sent (passes again while sends wait for their backoff, as the
   * poller would), and returns documents delivered per second; attempts beyond one per document are
   * resends (a send that timed out is sent again, the DMP answering « already there »).
   */
  static double drainRate(String how, int backlog, Outbox outbox, OutboxDrain drain)
      throws InterruptedException {
    long t1 = System.nanoTime();
    int attempts = 0;
    long pending;
    do {
      attempts += drain.drain();
      pending = outbox.summary("690100011", 0).pending().size();
      if (pending > 0) {
        Thread.sleep(500);
      }
    } while (pending > 0
        && System.nanoTime() - t1 < java.util.concurrent.TimeUnit.MINUTES.toNanos(20));
    double seconds = (System.nanoTime() - t1) / 1e9;
    System.out.printf(
        "outbox drained (%s): backlog %d delivered in %.2f s = %.2f sends/s (%d attempts, %d still"
            + " pending)%n",
        how, backlog, seconds, (backlog - pending) / seconds, attempts, pending);
    return (backlog - pending) / seconds;
  }

  static DispensationDocumentData data(String root) {
    DispensationDocumentData s = DispensationSamples.knownGood();
    return new DispensationDocumentData(
        new DispensationDocumentData.DocumentIds(root, Optional.empty(), root, Optional.empty(), 1),
        s.dispensedAt(),
        s.pharmacy(),
        s.dispenser(),
        s.responsiblePharmacist(),
        new DispensationDocumentData.Patient(
            Optional.of(ADRUN_ZOE),
            "ADRUN",
            "ZOE",
            LocalDate.of(1975, 12, 31),
            DispensationDocumentData.Sex.F),
        s.prescriber(),
        s.prescriptionNumber(),
        s.lines(),
        s.otherLinesRemaining());
  }

  static void buildAndSign(
      DispensationDocuments documents, PharmacyCredentials credentials, int i) {
    DispensationDocumentData data = data("2.25.9" + i);
    DispensationDocument doc = documents.build(data);
    DocumentEntryMetadata meta = DocumentEntryMetadata.of(data, doc);
    var request =
        XdsSubmission.request(
            new XdsSubmission.Submission(
                meta, doc.cda(), "2.25.8" + i, DmpSender.SOURCE_ID, "20261123101010"));
    var signing = credentials.seal("690100011");
    var env = DmpXml.newDocument();
    var root = env.createElementNS(DmpXml.SOAP12, "soap:Envelope");
    env.appendChild(root);
    var header = DmpXml.add(root, DmpXml.SOAP12, "soap:Header");
    new Vihf(
            new Vihf.Software("officine-segur", "0.1.0", "SANDBOX-0001"),
            java.time.Clock.systemUTC())
        .append(
            header,
            new DmpActor(
                data.responsiblePharmacist(),
                fr.officine.segur.trust.AuthMode.INDIRECTE,
                "690100011",
                "Pharmacie du Marché",
                ADRUN_ZOE),
            signing);
    DmpXml.add(root, DmpXml.SOAP12, "soap:Body").appendChild(env.importNode(request, true));
    Vihf.sign(DmpXml.parse(DmpXml.bytes(env)), signing);
  }
}
