package fr.officine.segur.event;

import fr.officine.segur.api.event.EventType;
import fr.officine.segur.api.event.EventView;
import fr.officine.segur.config.Settings;
import fr.officine.segur.http.JsonCodec;
import fr.officine.segur.http.SseSinks;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.SessionEnded;
import fr.officine.segur.trust.Sessions;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Every open stream of the pharmacies' event feed ({@link EventLog}), on this node: the LGO's
 * {@code GET /api/v1/events} and the counter screens' {@code GET /api/v1/counter/events} are two
 * views of the one durable feed (issue 15 §1). The streams are fed by reading the database, never
 * by an in-memory call from the code that made the change: an event written by another node of a
 * cluster reaches the streams of this node the same way, and a stream resumed after a restart reads
 * what it missed. Every {@code segur.events.poll-interval} (PT0.25S), while a stream is open, one
 * query reads the last committed id of each pharmacy followed, and the pharmacies with new events
 * are read from their streams' oldest position.
 *
 * <p>A stream lives no longer than its session (ended at once on logout, within a second when the
 * session is revoked or expires, with an {@code ended} event); a client gone away is found by the
 * next event or the 10 s heartbeat comment.
 */
@ApplicationScoped
public class EventStreams {
  private static final Logger LOG = Logger.getLogger(EventStreams.class.getName());
  private static final long HEARTBEAT_SECONDS = 10;
  private static final long SESSION_CHECK_MS = 1000;

  /** How a stream names its events. */
  public enum Dialect {
    /**
     * The LGO's feed: {@code event:} the {@link EventType}, {@code data:} the event's data, from
     * the position asked (Last-Event-ID).
     */
    FEED,
    /**
     * The counter screen (assets/live.js): the events about dispensations named {@code
     * dispensation}, about sends {@code sends}, from now on (the screen re-reads what it shows when
     * it connects).
     */
    COUNTER
  }

  /** One open stream; {@code position} is the last id sent. Writes are serialised per stream. */
  static final class Stream {
    final String id = UUID.randomUUID().toString();
    final String finess;
    final String sessionTokenHash;
    final SseEventSink sink;
    final Sse sse;
    final Dialect dialect;
    volatile long position;

    Stream(
        String finess,
        String sessionTokenHash,
        SseEventSink sink,
        Sse sse,
        Dialect dialect,
        long position) {
      this.finess = finess;
      this.sessionTokenHash = sessionTokenHash;
      this.sink = sink;
      this.sse = sse;
      this.dialect = dialect;
      this.position = position;
    }

    synchronized boolean send(OutboundSseEvent event) {
      return SseSinks.send(sink, event);
    }
  }

  private final Map<String, Stream> streams = new ConcurrentHashMap<>();

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  private EventLog log;
  private Sessions sessions;
  private JsonCodec json;
  private Duration pollInterval;
  private ScheduledFuture<?> poll;
  private ScheduledFuture<?> heartbeat;
  private ScheduledFuture<?> sessionCheck;

  protected EventStreams() {}

  @Inject
  public EventStreams(EventLog log, Sessions sessions, JsonCodec json, Config config) {
    this.log = log;
    this.sessions = sessions;
    this.json = json;
    this.pollInterval = Settings.duration(config, "segur.events.poll-interval");
  }

  /**
   * Opens a stream of {@code account}'s pharmacy: the feed from after {@code after} (empty: from
   * the first event), the counter from now.
   */
  public void join(
      Account account,
      String sessionTokenHash,
      SseEventSink sink,
      Sse sse,
      Dialect dialect,
      Optional<Long> after) {
    startTimers();
    String finess = account.pharmacy().finess();
    long from =
        dialect == Dialect.COUNTER
            ? log.lastIds(List.of(finess)).getOrDefault(finess, 0L)
            : after.orElse(0L);
    Stream s = new Stream(finess, sessionTokenHash, sink, sse, dialect, from);
    if (dialect == Dialect.COUNTER) {
      s.send(sse.newEventBuilder().name("hello").data("{}").build());
    } else {
      // the stream is open (headers sent) even when nothing has happened yet
      s.send(sse.newEventBuilder().comment("officine-segur events").build());
    }
    streams.put(s.id, s);
    scheduler.execute(this::pollSafely);
  }

  /** One pass: what each followed pharmacy committed since its slowest stream's position. */
  void poll() {
    List<Stream> open = List.copyOf(streams.values());
    if (open.isEmpty()) {
      return;
    }
    Set<String> pharmacies = new HashSet<>();
    open.forEach(s -> pharmacies.add(s.finess));
    Map<String, Long> last = log.lastIds(pharmacies);
    Map<String, Long> from = new HashMap<>();
    for (Stream s : open) {
      if (s.position < last.getOrDefault(s.finess, 0L)) {
        from.merge(s.finess, s.position, Math::min);
      }
    }
    for (Map.Entry<String, Long> p : from.entrySet()) {
      List<EventView> events = log.after(p.getKey(), p.getValue(), EventLog.MAX_PAGE);
      for (Stream s : open) {
        if (s.finess.equals(p.getKey())) {
          deliver(s, events);
        }
      }
    }
  }

  private void pollSafely() {
    synchronized (this) { // the timer and a join never read twice at once
      try {
        poll();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "event feed poll failed; the next one reads again", e);
      }
    }
  }

  private void deliver(Stream s, List<EventView> events) {
    for (EventView e : events) {
      if (e.id() <= s.position) {
        continue;
      }
      Optional<String> name = name(s.dialect, e.type());
      if (name.isPresent()
          && !s.send(
              s.sse
                  .newEventBuilder()
                  .id(Long.toString(e.id()))
                  .name(name.get())
                  .data(json.write(e.data()))
                  .build())) {
        drop(s);
        return;
      }
      s.position = e.id();
    }
  }

  /** The SSE event name of {@code type} in {@code dialect}; empty: not sent in that dialect. */
  static Optional<String> name(Dialect dialect, EventType type) {
    if (dialect == Dialect.FEED) {
      return Optional.of(type.name());
    }
    return switch (type.subject()) {
      case DISPENSATION -> Optional.of("dispensation");
      case SEND -> Optional.of("sends");
      case IDENTITY, RECONCILIATION -> Optional.empty();
    };
  }

  /** Logout: that session's streams end now. */
  void sessionEnded(@Observes SessionEnded ended) {
    endWhere(s -> ended.tokenHash().equals(s.sessionTokenHash), "Session fermée.");
  }

  /** Sessions revoked (CPS card removed), expired or closed elsewhere: one query for all. */
  void reauthorise() {
    try {
      Set<String> hashes = new HashSet<>();
      streams.values().forEach(s -> hashes.add(s.sessionTokenHash));
      if (!hashes.isEmpty()) {
        Set<String> live = sessions.live(hashes);
        endWhere(s -> !live.contains(s.sessionTokenHash), "Session terminée.");
      }
    } catch (RuntimeException e) {
      // a database hiccup: the next check decides
    }
  }

  private void endWhere(Predicate<Stream> ended, String reason) {
    for (Stream s : List.copyOf(streams.values())) {
      if (ended.test(s)) {
        s.send(
            s.sse
                .newEventBuilder()
                .name("ended")
                .data(Json.createObjectBuilder().add("reason", reason).build().toString())
                .build());
        drop(s);
      }
    }
  }

  void beat() {
    for (Stream s : List.copyOf(streams.values())) {
      if (!s.send(s.sse.newEventBuilder().comment("ping").build())) {
        drop(s);
      }
    }
  }

  /** Closed off the calling thread: see {@link SseSinks#closeOffThread}. */
  private void drop(Stream s) {
    if (streams.remove(s.id) != null) {
      SseSinks.closeOffThread(s.sink, scheduler);
    }
  }

  private synchronized void startTimers() {
    if (scheduler == null || heartbeat != null) {
      return;
    }
    poll =
        scheduler.scheduleWithFixedDelay(
            this::pollSafely,
            pollInterval.toMillis(),
            pollInterval.toMillis(),
            TimeUnit.MILLISECONDS);
    heartbeat =
        scheduler.scheduleAtFixedRate(
            this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    sessionCheck =
        scheduler.scheduleWithFixedDelay(
            this::reauthorise, SESSION_CHECK_MS, SESSION_CHECK_MS, TimeUnit.MILLISECONDS);
  }

  /** Under the lock that started them: stop() runs on another thread than the first stream's. */
  private synchronized void stopTimers() {
    if (heartbeat != null) {
      poll.cancel(false);
      heartbeat.cancel(false);
      sessionCheck.cancel(false);
    }
  }

  /**
   * The streams are left to the container, which ends their connections when it stops: closing a
   * sink here, on the shutdown thread, deadlocked in Grizzly's HTTP/2 code (thread dump of a Payara
   * that never exited after its test class, 2026-12-03), and the node then held its port and its
   * database. A client sees its connection end and reconnects, with Last-Event-ID.
   */
  @PreDestroy
  void stop() {
    stopTimers();
    streams.clear();
  }
}
