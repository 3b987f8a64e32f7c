package fr.officine.segur.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.event.EventData;
import fr.officine.segur.api.event.EventType;
import fr.officine.segur.api.event.EventView;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.TestDatabases;
import fr.officine.segur.http.JsonCodec;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The durable feed's ids (issue 15 §1): per pharmacy 1, 2, 3… with no gap and no repeat, an event
 * exists only if its transaction committed, and a reader following the last committed id never
 * skips an event (the commits of one pharmacy are ordered as their ids). On H2 and on a real
 * PostgreSQL (V17 runs on both; the feed is read from the database, so any node serves it).
 */
@ParameterizedClass
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class EventLogTest {
  static final String MARCHE = "690100011";
  static final String ARCADES = "690100029";

  Database db;
  EventLog log;

  @Parameter String engine;

  @BeforeEach
  void database() {
    db = new Database(TestDatabases.migrated(engine));
    new SandboxSeed(new Accounts(db), new PasswordHasher(), "sandbox").seed();
    log = new EventLog(db, new JsonCodec());
  }

  @Test
  void ids_are_per_pharmacy_and_the_data_reads_back_as_written() {
    append(MARCHE, EventType.INS_QUALIFIED, EventData.identity("1800175125717"));
    append(
        ARCADES,
        EventType.DISPENSATION_RECORDED,
        EventData.dispensation("d-1", "SBX02MULTILIGNES00", "RECORDED", null, null, null));
    append(MARCHE, EventType.SEND_SENT, EventData.send("d-2", "DMP", "SENT", 1, null));

    List<EventView> marche = log.after(MARCHE, 0, 10);
    assertThat(marche).extracting(EventView::id).containsExactly(1L, 2L);
    assertThat(marche)
        .extracting(EventView::type)
        .containsExactly(EventType.INS_QUALIFIED, EventType.SEND_SENT);
    assertThat(marche.get(1).data()).isEqualTo(EventData.send("d-2", "DMP", "SENT", 1, null));
    assertThat(log.after(ARCADES, 0, 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.id()).isEqualTo(1);
              assertThat(e.data().prescriptionNumber()).isEqualTo("SBX02MULTILIGNES00");
            });
    assertThat(log.after(MARCHE, 1, 10)).extracting(EventView::id).containsExactly(2L);
    assertThat(log.lastIds(List.of(MARCHE, ARCADES)))
        .containsEntry(MARCHE, 2L)
        .containsEntry(ARCADES, 1L);
  }

  @Test
  void an_event_whose_change_rolled_back_does_not_exist_and_takes_no_id() {
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    h -> {
                      log.append(
                          h,
                          MARCHE,
                          EventType.SEND_FAILED,
                          EventData.send("d-1", "DP", "PENDING", 1, null));
                      throw new IllegalStateException("the change failed");
                    }))
        .hasMessage("the change failed");
    assertThat(log.after(MARCHE, 0, 10)).isEmpty();
    append(MARCHE, EventType.SEND_SENT, EventData.send("d-1", "DP", "SENT", 2, null));
    assertThat(log.after(MARCHE, 0, 10)).extracting(EventView::id).containsExactly(1L);
  }

  /**
   * Eight writers append to one pharmacy while a reader follows it as the streams do (last
   * committed id, then the events after its position): it sees 1..n in order, none skipped, none
   * twice.
   */
  @Test
  void a_reader_following_concurrent_writers_sees_every_id_once_in_order() throws Exception {
    int writers = 8;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
    Future<?> reader =
        pool.submit(
            () -> {
              long position = 0;
              while (true) {
                boolean last = !writing.get();
                long committed = log.lastIds(List.of(MARCHE)).get(MARCHE);
                while (position < committed) {
                  for (EventView e : log.after(MARCHE, position, 7)) {
                    seen.add(e.id());
                    position = e.id();
                  }
                }
                if (last) {
                  return null;
                }
              }
            });
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < each; i++) {
                  append(
                      MARCHE,
                      EventType.SEND_FAILED,
                      EventData.send("w" + writer + "-" + i, "DMP", "PENDING", i, null));
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(2, TimeUnit.MINUTES);
    }
    writing.set(false);
    reader.get(2, TimeUnit.MINUTES);
    pool.shutdown();

    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= writers * each; i++) {
      expected.add(i);
    }
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  private void append(String finess, EventType type, EventData data) {
    db.inTransaction(h -> log.append(h, finess, type, data));
  }
}
