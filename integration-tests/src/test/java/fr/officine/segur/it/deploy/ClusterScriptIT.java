package fr.officine.segur.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.Identities;
import fr.officine.segur.it.support.PharmacyEventStream;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13 §6, the load and fault suite: {@code deploy/cluster.sh} itself (PostgreSQL, sandbox, two
 * nodes, HAProxy) on free loopback ports, then counters of two pharmacies delivering through the
 * front on shared prescriptions while one node is killed ({@code kill -9}), PostgreSQL is restarted
 * and the DMP is down. Bounded in count: {@link #COUNTERS} × {@link #PER_COUNTER} dispensations,
 * each replayed with its own Idempotency-Key, as an LGO does, when its answer was lost (node
 * killed: 502 from HAProxy or a cut connection; database restarting: 503 database-unavailable; key
 * still held by a dead request: request-in-progress; answer lost: in doubt). Then: every 201 is one
 * execution in the base and one document in the DMP, nothing answered 201 is lost, nothing
 * over-delivered, the audit chains verify, every waiting send leaves. Waits follow states, with
 * generous bounds; no elapsed time is asserted, only printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterScriptIT {
  private static final String DOLIPRANE = "3400935955838";
  private static final String ADRUN_ZOE = Identities.ADRUN_ZOE.ins();

  /** The formatCode of a dispensation document (eDISP), not of its signature. */
  private static final String DISPENSATION_FORMAT = "urn:ihe:pharm:dis:2010";

  /** Counters at work at once, each a thread with its own session, both pharmacies. */
  private static final int COUNTERS = 8;

  /** Dispensations each counter asks for, one box each. */
  private static final int PER_COUNTER = 4;

  /** Prescriptions shared by every counter of both pharmacies. */
  private static final int PRESCRIPTIONS = 4;

  /**
   * Boxes each prescription allows: fewer in all than asked, so some are refused (over-delivery).
   */
  private static final int BOXES = 6;

  /** Sends of one request before the test gives up on it (a bound, not a wait). */
  private static final int MAX_SENDS = 400;

  private static final long REPLAY_PAUSE_MS = 500;

  /** The accounts of the counters: Pharmacie du Marché (two logins) and Pharmacie des Arcades. */
  private static final List<String> LOGINS =
      List.of("titulaire", "confrere", "adjoint", "confrere");

  private final Path work =
      Path.of(System.getProperty("payara.microJar")).getParent().resolve("cluster-script");
  private URL front;
  private SandboxAdmin sandbox;
  private ClusterScript cluster;
  private Instant started;

  @BeforeAll
  void start_cluster_sh() throws Exception {
    started = Instant.now();
    // the module's delays shortened: a key left by a killed request is free again after 2 × 10 s,
    // an in-doubt dispensation settled soon, a dead node's outbox lease taken over after 30 s, a
    // failed send retried after 1 s, then 2, 4… at most 30 s (with the IT's usual 2 s cap, a DMP
    // slower than its 10 s timeout at load average 39 was sent the same documents again and again)
    cluster =
        ClusterScript.start(
            2,
            work,
            List.of(
                "-Dsegur.dispensation.recovery-after=PT10S",
                "-Dsegur.outbox.poll-interval=PT0.5S",
                "-Dsegur.outbox.backoff-initial=PT1S",
                "-Dsegur.outbox.backoff-max=PT30S",
                "-Dsegur.outbox.lease=PT30S",
                "-Dsegur.dmp.status-timeout-ms=10000",
                "-Dsegur.dp.status-timeout-ms=10000"));
    front = cluster.front();
    sandbox = cluster.sandbox();
    System.out.println(
        "[ClusterScriptIT] cluster.sh ready after "
            + Duration.between(started, Instant.now()).toSeconds()
            + " s");
  }

  @AfterAll
  void stop_cluster_sh() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
    if (started != null) {
      System.out.println(
          "[ClusterScriptIT] total (start, burst, checks, stop): "
              + Duration.between(started, Instant.now()).toSeconds()
              + " s");
    }
  }

  /** How one logical dispensation (one Idempotency-Key) ended, and what it took. */
  record Outcome(
      int counter,
      String login,
      String number,
      String key,
      int status,
      String code,
      String dispensationId,
      int sends) {
    boolean accepted() {
      return status == 201;
    }
  }

  /**
   * Issue 13 §2 across real nodes, before the burst kills one: a session opened on one node is a
   * session on the other; « un collègue l'a ouverte » crosses nodes (Payara's data grid) and never
   * pharmacies; a logout on one node ends the session's open screen on the other and its token
   * there, as a CPS card removed would. Waits follow events, with generous bounds.
   */
  @Test
  @Order(1)
  void a_colleague_on_the_other_node_is_seen_and_a_session_ended_on_one_node_ends_on_both()
      throws Exception {
    String number =
        sandbox.createPrescription(
            ADRUN_ZOE, null, List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    URL node1 = cluster.node(1);
    URL node2 = cluster.node(2);
    Counter titulaire = Counter.login(node1, "titulaire");
    Counter adjoint = Counter.login(node2, "adjoint");
    Counter confrere = Counter.login(node2, "confrere");
    Http.Reply onTheOtherNode =
        Counter.withToken(node2, titulaire.token())
            .send("GET", "/sessions/current", Map.of(), null, null);
    assertThat(onTheOtherNode.status()).as(onTheOtherNode.toString()).isEqualTo(200);
    String titulaireName = displayName(onTheOtherNode.json());
    String adjointName =
        displayName(adjoint.send("GET", "/sessions/current", Map.of(), null, null).json());
    Duration bound = Duration.ofMinutes(2);
    try (PharmacyEventStream screen1 = PharmacyEventStream.presence(node1, titulaire, number);
        PharmacyEventStream screen2 = PharmacyEventStream.presence(node2, adjoint, number);
        PharmacyEventStream otherPharmacy = PharmacyEventStream.presence(node2, confrere, number)) {
      screen1.await("presence", d -> others(d).contains(adjointName), bound);
      screen2.await("presence", d -> others(d).contains(titulaireName), bound);
      // the confrère of the other pharmacy, on the same node as the adjoint, sees nobody: every
      // presence event it got says so (its own join sends one)
      PharmacyEventStream.Event seen = otherPharmacy.await("presence", d -> true, bound);
      assertThat(others(seen.data())).isEmpty();

      // the adjoint's session, opened on node 2, ended on node 1
      Http.Reply logout =
          Counter.withToken(node1, adjoint.token())
              .send("DELETE", "/sessions/current", Map.of(), null, null);
      assertThat(logout.status()).as(logout.toString()).isIn(200, 204);
      screen2.await("ended", d -> true, bound);
      assertThat(adjoint.send("GET", "/sessions/current", Map.of(), null, null).status())
          .as("the token on the node that opened it")
          .isEqualTo(401);
      screen1.await("presence", d -> !others(d).contains(adjointName), bound);
      otherPharmacy
          .received("presence")
          .forEach(e -> assertThat(others(e.data())).as("seen by the confrère").isEmpty());
    }
  }

  private static String displayName(JsonObject session) {
    JsonObject p = session.getJsonObject("professional");
    return p.getString("firstName") + " " + p.getString("lastName");
  }

  private static List<String> others(JsonObject presence) {
    return presence.getJsonArray("others").getValuesAs(JsonObject.class).stream()
        .map(o -> o.getString("name"))
        .toList();
  }

  @Test
  @Order(2)
  void
      counters_of_two_pharmacies_deliver_through_a_node_killed_a_database_restart_and_a_dmp_outage()
          throws Exception {
    List<String> numbers = new ArrayList<>();
    for (int p = 0; p < PRESCRIPTIONS; p++) {
      numbers.add(
          sandbox.createPrescription(
              ADRUN_ZOE, null, List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", BOXES))));
    }
    // each pharmacy qualified the patient's INS (identitovigilance): its documents go to the DMP
    Counter titulaire = Counter.login(front, "titulaire");
    Counter confrere = Counter.login(front, "confrere");
    Identities.qualify(titulaire, Identities.ADRUN_ZOE);
    Identities.qualify(confrere, Identities.ADRUN_ZOE);
    Set<String> documentsBefore = uniqueIdsInDmp();

    // the counters open their sessions and consult their prescriptions, then start together; the
    // faults are set by the progress of the burst
    Counter[] sessions = new Counter[COUNTERS];
    AtomicInteger finished = new AtomicInteger();
    Map<String, AtomicInteger> replays = new ConcurrentHashMap<>();
    CountDownLatch ready = new CountDownLatch(COUNTERS);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(COUNTERS);
    List<Future<List<Outcome>>> work = new ArrayList<>();
    for (int i = 0; i < COUNTERS; i++) {
      int counter = i;
      work.add(
          pool.submit(
              () -> {
                Counter c = Counter.login(front, login(counter));
                sessions[counter] = c;
                for (String number : numbers) {
                  Http.Reply consult = c.consult(number);
                  assertThat(consult.status()).as(consult.toString()).isEqualTo(200);
                }
                ready.countDown();
                go.await();
                List<Outcome> outcomes = new ArrayList<>();
                for (int j = 0; j < PER_COUNTER; j++) {
                  String number = numbers.get((counter + j) % PRESCRIPTIONS);
                  String key = UUID.randomUUID().toString();
                  outcomes.add(dispense(counter, c, number, key, replays));
                  finished.incrementAndGet();
                }
                return outcomes;
              }));
    }
    // bound: logins (PBKDF2) and consults of every counter on a busy machine
    awaitState(
        () -> ready.getCount() == 0 || work.stream().anyMatch(Future::isDone),
        Duration.ofMinutes(10),
        "counters logged in and prescriptions consulted");
    if (ready.getCount() != 0) {
      for (Future<List<Outcome>> f : work) {
        if (f.isDone()) {
          f.get(); // its failure
        }
      }
    }
    int total = COUNTERS * PER_COUNTER;
    BooleanSupplier done = () -> work.stream().allMatch(Future::isDone);
    Instant burst = Instant.now();
    go.countDown();
    long killed;
    List<String> faults = new ArrayList<>();
    try {
      awaitProgress(finished, total / 8, done);
      killed = cluster.nodePid(2);
      // kill -9: no shutdown hook, no answer to what it had in flight
      ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly);
      faults.add("node 2 (pid " + killed + ") killed after " + finished.get());
      awaitProgress(finished, total / 4, done);
      sandbox.fault("dmp", "down", 0);
      faults.add("DMP down after " + finished.get());
      awaitProgress(finished, total * 3 / 8, done);
      cluster.postgres("stop");
      faults.add("PostgreSQL stopped after " + finished.get());
      cluster.postgres("start");
      faults.add("PostgreSQL started after " + finished.get());
      awaitProgress(finished, total * 3 / 4, done);
    } finally {
      sandbox.fault("dmp", "up", 0);
      faults.add("DMP up after " + finished.get());
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<List<Outcome>> f : work) {
      outcomes.addAll(f.get(30, TimeUnit.MINUTES)); // bound: each request has its own
    }
    pool.shutdown();
    Duration burstTook = Duration.between(burst, Instant.now());

    List<Outcome> accepted = outcomes.stream().filter(Outcome::accepted).toList();
    Map<String, Long> refusals =
        outcomes.stream()
            .filter(o -> !o.accepted())
            .collect(
                Collectors.groupingBy(o -> o.status() + " " + o.code(), Collectors.counting()));
    int sends = outcomes.stream().mapToInt(Outcome::sends).sum();
    System.out.println(
        "[ClusterScriptIT] burst: "
            + COUNTERS
            + " counters, "
            + total
            + " dispensations asked on "
            + PRESCRIPTIONS
            + " prescriptions of "
            + BOXES
            + " boxes, "
            + accepted.size()
            + " accepted (201), refused "
            + refusals
            + ", "
            + sends
            + " requests sent ("
            + (sends - total)
            + " replays: "
            + replays
            + ") in "
            + burstTook.toMillis()
            + " ms; faults: "
            + faults);

    // every request ended with a definitive answer, and each accepted one under its own id
    assertThat(outcomes).hasSize(total);
    assertThat(outcomes)
        .as("answers other than 201 or a refusal of the base")
        .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(201, 409));
    assertThat(refusals.keySet())
        .as("refusals")
        .allSatisfy(r -> assertThat(r).isIn("409 OVER_DELIVERY", "409 PRESCRIPTION_CLOSED"));
    Set<String> ids = accepted.stream().map(Outcome::dispensationId).collect(Collectors.toSet());
    assertThat(ids).as("one dispensation per accepted request").hasSize(accepted.size());
    assertThat(accepted.size()).as("the base delivered every box").isEqualTo(PRESCRIPTIONS * BOXES);

    // a replay of an answered request, on whichever node, is that answer: no second dispensation
    Map<String, AtomicInteger> lateReplays = new ConcurrentHashMap<>();
    for (Outcome o : accepted) {
      Outcome again =
          dispense(o.counter(), sessions[o.counter()], o.number(), o.key(), lateReplays);
      assertThat(again.status()).as(again.toString()).isEqualTo(201);
      assertThat(again.dispensationId()).isEqualTo(o.dispensationId());
    }

    // no 201 lost: each is RECORDED in the module, for its own pharmacy
    for (Outcome o : accepted) {
      Counter own = pharmacyCounter(o.login(), titulaire, confrere);
      Http.Reply d = read(() -> own.dispensation(o.dispensationId()));
      assertThat(d.status()).as(d.toString()).isEqualTo(200);
      assertThat(d.json().getString("status")).isEqualTo("RECORDED");
    }

    // the base: each accepted dispensation is exactly one execution, nothing else was executed,
    // nothing over-delivered
    List<String> executions = new ArrayList<>();
    for (String number : numbers) {
      Http.Reply consult = read(() -> titulaire.consult(number));
      assertThat(consult.status()).as(consult.toString()).isEqualTo(200);
      JsonObject line = consult.json().getJsonArray("lines").getJsonObject(0);
      List<String> here =
          line.getJsonArray("deliveries").getValuesAs(JsonObject.class).stream()
              .map(e -> e.getString("executionId"))
              .toList();
      executions.addAll(here);
      long acceptedHere = accepted.stream().filter(o -> o.number().equals(number)).count();
      assertThat(line.getInt("deliveredQuantity"))
          .as(number + " delivered")
          .isEqualTo((int) acceptedHere)
          .isLessThanOrEqualTo(line.getInt("totalQuantity"));
    }
    assertThat(executions)
        .as("executions in the base: one per accepted dispensation")
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(ids);

    // the DMP: every send leaves once the services are back, each document exactly once
    awaitAllSent(accepted, titulaire, confrere);
    for (Counter c : List.of(titulaire, confrere)) {
      JsonObject outbox = read(() -> c.send("GET", "/outbox", Map.of(), null, null)).json();
      assertThat(outbox.getInt("pending")).as("waiting sends " + outbox).isZero();
      assertThat(outbox.getJsonArray("refused")).as("refused sends").isEmpty();
    }
    List<JsonObject> received =
        documentsInDmp().stream()
            .filter(d -> !documentsBefore.contains(d.getString("uniqueId")))
            .toList();
    List<String> documents =
        received.stream()
            .filter(d -> DISPENSATION_FORMAT.equals(d.getString("formatCode")))
            .map(d -> d.getString("uniqueId"))
            .toList();
    Set<String> expected = new HashSet<>();
    for (Outcome o : accepted) {
      expected.add(uniqueId(pharmacyCounter(o.login(), titulaire, confrere), o.dispensationId()));
    }
    assertThat(documents)
        .as("documents the DMP received: one per accepted dispensation")
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(received)
        .as("each document with its signature (a second entry of its submission), nothing else")
        .hasSize(2 * accepted.size());

    // the audit chain of each pharmacy verifies, written by both nodes and across the restart
    for (Counter c : List.of(titulaire, confrere)) {
      Http.Reply check = read(() -> c.send("GET", "/audit/verification", Map.of(), null, null));
      assertThat(check.status()).as(check.toString()).isEqualTo(200);
      assertThat(check.json().getBoolean("valid")).as(check.toString()).isTrue();
    }

    // cluster.sh started the killed node again, and HAProxy sends to it
    awaitState(
        () -> cluster.nodeReady(2) && !pidIs(2, killed), Duration.ofMinutes(10), "node 2 back");
    System.out.println(
        "[ClusterScriptIT] checked: "
            + accepted.size()
            + " executions, "
            + documents.size()
            + " DMP documents, audit chains valid, node 2 back (pid "
            + cluster.nodePid(2)
            + "), "
            + Duration.between(started, Instant.now()).toSeconds()
            + " s since the start");
  }

  // --- one counter's request, replayed as an LGO does

  private static JsonObject body() {
    return Dispensations.body().deliver("L1", 1).build();
  }

  /** Sends one dispensation with its own key until a definitive answer; counts the replays. */
  private Outcome dispense(
      int index, Counter counter, String number, String key, Map<String, AtomicInteger> replays)
      throws InterruptedException {
    for (int sent = 1; sent <= MAX_SENDS; sent++) {
      Http.Reply r;
      try {
        r = counter.dispense(number, key, body());
      } catch (UncheckedIOException cut) {
        // the connection was cut (the node or the front dropped it): the answer is lost
        replays.computeIfAbsent("connection lost", k -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(REPLAY_PAUSE_MS);
        continue;
      }
      boolean problem = r.contentType().startsWith("application/problem+json");
      String code = problem ? r.problemCode() : null;
      if (r.status() == 201) {
        return new Outcome(
            index,
            login(index),
            number,
            key,
            201,
            null,
            r.json().getString("dispensationId"),
            sent);
      }
      String why = replayable(r.status(), problem, code);
      if (why == null) {
        String id =
            problem && r.json().containsKey("dispensationId")
                ? r.json().getString("dispensationId")
                : null;
        return new Outcome(index, login(index), number, key, r.status(), code, id, sent);
      }
      replays.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
      Thread.sleep(REPLAY_PAUSE_MS);
    }
    throw new AssertionError(
        "no definitive answer after " + MAX_SENDS + " sends of " + key + " on " + number);
  }

  /**
   * A read through the front, asked again while no node answers it (HAProxy's 503 while the only
   * node left is restarting or out; a cut connection) or while PostgreSQL restarts (503
   * database-unavailable), as an LGO does; bounded.
   */
  private static Http.Reply read(Supplier<Http.Reply> call) throws InterruptedException {
    for (int sent = 1; ; sent++) {
      try {
        Http.Reply r = call.get();
        boolean problem = r.contentType().startsWith("application/problem+json");
        boolean fromTheFront = r.status() >= 500 && !problem;
        boolean databaseRestarting =
            problem && r.status() == 503 && "DATABASE_UNAVAILABLE".equals(r.problemCode());
        if (!(fromTheFront || databaseRestarting) || sent >= MAX_SENDS) {
          return r;
        }
      } catch (UncheckedIOException cut) {
        if (sent >= MAX_SENDS) {
          throw cut;
        }
      }
      Thread.sleep(REPLAY_PAUSE_MS);
    }
  }

  /**
   * Why an answer calls for the same request again, as an LGO replays it with its Idempotency-Key
   * (null: definitive). Also {@link ClusterBenchmarkIT}'s rule.
   */
  static String replayable(int status, boolean problem, String code) {
    if (!problem && status >= 500) {
      return status + " from the front"; // HAProxy: no node, or the node died with the request
    }
    if (code == null) {
      return null;
    }
    return switch (code) {
      // DATABASE_UNAVAILABLE: PostgreSQL restarting (a 500 there is a defect: never replayed)
      case "REQUEST_IN_PROGRESS",
          "DISPENSATION_IN_DOUBT",
          "EPRESCRIPTION_UNAVAILABLE",
          "DATABASE_UNAVAILABLE" ->
          status + " " + code;
      default -> null;
    };
  }

  private static String login(int counter) {
    return LOGINS.get(counter % LOGINS.size());
  }

  private static Counter pharmacyCounter(String login, Counter titulaire, Counter confrere) {
    return login.equals("confrere") ? confrere : titulaire;
  }

  // --- what the services hold

  private void awaitAllSent(List<Outcome> accepted, Counter titulaire, Counter confrere)
      throws InterruptedException {
    Set<String> waiting =
        Collections.synchronizedSet(
            accepted.stream().map(Outcome::dispensationId).collect(Collectors.toSet()));
    Map<String, Counter> by = new HashMap<>();
    accepted.forEach(
        o -> by.put(o.dispensationId(), pharmacyCounter(o.login(), titulaire, confrere)));
    Map<String, JsonObject> last = new HashMap<>();
    awaitState(
        () -> {
          for (String id : List.copyOf(waiting)) {
            Http.Reply d;
            try {
              d = by.get(id).dispensation(id);
            } catch (UncheckedIOException cut) {
              return false; // the front's node went away: asked again
            }
            if (d.status() != 200) {
              return false; // the front has no node for it now (503): asked again
            }
            JsonObject dmp =
                d.json().getJsonArray("sends").stream()
                    .map(JsonObject.class::cast)
                    .filter(s -> "DMP".equals(s.getString("target")))
                    .findFirst()
                    .orElseThrow();
            last.put(id, dmp);
            if ("SENT".equals(dmp.getString("state"))) {
              waiting.remove(id);
            }
          }
          return waiting.isEmpty();
        },
        Duration.ofMinutes(10),
        "every DMP send SENT (still waiting: " + waiting + " " + last + ")");
  }

  private Set<String> uniqueIdsInDmp() {
    return documentsInDmp().stream().map(o -> o.getString("uniqueId")).collect(Collectors.toSet());
  }

  /** What the sandbox DMP holds for the patient: documents and their signatures. */
  private List<JsonObject> documentsInDmp() {
    Http.Reply r = sandbox.get("/sandbox/dmp/documents?ins=" + ADRUN_ZOE);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return ((JsonArray) r.structure()).getValuesAs(JsonObject.class);
  }

  /** The document's id, the root of the CDA's own id (what the DMP files it under). */
  private static String uniqueId(Counter counter, String dispensationId)
      throws InterruptedException {
    String path = "/dispensations/" + dispensationId + "/document.xml";
    Http.Reply xml = read(() -> counter.send("GET", path, Map.of(), null, null));
    assertThat(xml.status()).as(xml.toString()).isEqualTo(200);
    String cda = xml.text();
    return cda.replaceAll("(?s).*?<id root=\"(2\\.25\\.[0-9]+)\".*", "$1");
  }

  // --- the cluster's processes

  private boolean pidIs(int node, long pid) {
    try {
      return cluster.nodePid(node) == pid;
    } catch (IOException | NumberFormatException beingWritten) {
      return true;
    }
  }

  /** Until {@code done} holds, or the burst ended (all counters done), or the bound passed. */
  private static void awaitProgress(AtomicInteger finished, int atLeast, BooleanSupplier done)
      throws InterruptedException {
    awaitState(
        () -> finished.get() >= atLeast || done.getAsBoolean(),
        Duration.ofMinutes(20),
        atLeast + " dispensations answered");
  }

  private static void awaitState(BooleanSupplier state, Duration bound, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(bound);
    while (!state.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached within " + bound + ": " + what);
      }
      Thread.sleep(200);
    }
  }
}
