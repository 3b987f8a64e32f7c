package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.UnknownProductLineRequest;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.TestDatabases;
import fr.officine.segur.http.JsonCodec;
import fr.officine.segur.prescription.SoapEPrescriptionBase;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.testing.FakeEPrescriptionBase;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 §17 / issue 13 §3: a line unknown to the base is counted by the module alone, so two
 * nodes (two services, each with what used to be its own JVM lock) delivering its last boxes at the
 * same moment must not both succeed. The first node's delivery is held in its base consult, inside
 * the prescription's lock; the second starts then. With a JVM lock the second got its own lock,
 * consulted too, and both recorded 2 of 2 boxes (4 delivered); with the database row lock it waits
 * for the first, then counts its boxes and is refused.
 */
@ParameterizedClass
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class UnknownLineArbitrationTest {
  static final String PATH = "/api/v1/prescriptions/x/dispensations";

  @Parameter String engine;

  FakeEPrescriptionBase fake;
  DataSource dataSource;
  ExecutorService counters;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeEPrescriptionBase();
    String url = fake.start() + "/eprescription";
    dataSource = TestDatabases.migrated(engine);
    counters = Executors.newFixedThreadPool(2);
    base = url;
  }

  String base;

  @AfterEach
  void tearDown() {
    counters.shutdownNow();
    fake.stop();
  }

  /** One node: its own services on the shared database. */
  IdempotentDispensations node() {
    Database db = new Database(dataSource);
    DispensationStore store = new DispensationStore(db);
    return new IdempotentDispensations(
        new DispensationService(
            store,
            SoapEPrescriptionBase.at(base, 1000, 60_000),
            new UnknownProductDeliveries(db),
            new PrescriptionLocks(db)),
        new DispensationReads(store),
        new IdempotencyStore(db),
        new JsonCodec());
  }

  @Test
  void two_nodes_delivering_the_last_boxes_of_a_line_unknown_to_the_base_at_once_deliver_them_once()
      throws Exception {
    Database db = new Database(dataSource);
    Accounts accounts = new Accounts(db);
    new SandboxSeed(accounts, new PasswordHasher(), "sandbox").seed();
    Account titulaire = accounts.find("titulaire").orElseThrow();
    Account confrere = accounts.find("confrere").orElseThrow();
    String number = UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
    fake.addUnknownProduct(number, 2);
    DispensationRequest both =
        new DispensationRequest(
            List.of(), List.of(), List.of(new UnknownProductLineRequest("L1", 2)), null);
    IdempotentDispensations nodeA = node();
    IdempotentDispensations nodeB = node();

    fake.holdConsult = new CountDownLatch(1);
    Future<Integer> a = counters.submit(() -> status(nodeA, number, both, titulaire));
    awaitTrue(() -> fake.consultsArrived.get() == 1, "node A consults the base inside its lock");
    Future<Integer> b = counters.submit(() -> status(nodeB, number, both, confrere));
    // node B either waits for the row lock, or (a JVM lock per node) consults the base as well
    awaitTrue(
        () -> fake.consultsArrived.get() == 2 || waitingForALock(), "node B blocked or consulting");
    fake.holdConsult.countDown();

    List<Integer> statuses =
        new ArrayList<>(List.of(a.get(2, TimeUnit.MINUTES), b.get(2, TimeUnit.MINUTES)));
    assertThat(statuses).containsExactlyInAnyOrder(201, ProblemType.OVER_DELIVERY.status());
    assertThat(new UnknownProductDeliveries(db).takenByLine(number)).containsEntry("L1", 2);
  }

  static int status(
      IdempotentDispensations node, String number, DispensationRequest request, Account who) {
    try {
      return node.dispense(
              PrescriptionNumber.of(number),
              UUID.randomUUID().toString(),
              request,
              who,
              AuthMode.INDIRECTE,
              PATH)
          .status();
    } catch (ProblemException e) {
      return e.type().status();
    }
  }

  /** A session of the database is waiting for a row lock another one holds. */
  boolean waitingForALock() throws Exception {
    String sql =
        TestDatabases.H2.equals(engine)
            ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"
            : "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  interface Check {
    boolean holds() throws Exception;
  }

  /** Follows the state, never a clock: polls until true, failing after a generous bound. */
  static void awaitTrue(Check check, String what) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!check.holds()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("never: " + what);
      }
      Thread.sleep(20);
    }
  }
}
