package fr.officine.segur.counter;

import fr.officine.segur.trust.SessionEnded;
import fr.officine.segur.trust.Sessions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import fr.officine.segur.trust.Account;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Who has which prescription open, per pharmacy, and the live streams to tell them. Only counters
 * of the same pharmacy see each other (another pharmacy's screen is none of their business). This
 * is a notice, not a lock: the e-prescription base still arbitrates every dispensation.
 *
 * <p>A stream that went away is noticed at the next event or heartbeat (10 s), unless the screen said it left, then removed and
 * the others told. A stream lives no longer than the session that asked for it: it ends at once
 * on logout ({@link SessionEnded}) and within {@code segur.presence.session-check} (PT1S) when the
 * session is revoked (CPS card removed) or expires, with an {@code ended} event first.
 */
@ApplicationScoped
public class PresenceHub {
  private static final long HEARTBEAT_SECONDS = 10;

  /** One open screen. */
  record Viewer(String id, Account account, String sessionTokenHash, OffsetDateTime since, SseEventSink sink, Sse sse) {
    String pharmacy() {
      return account.pharmacy().finess();
    }

    /**
     * Sends are serialised per stream (Jersey's sink is not meant for concurrent writers) and never
     * waited for: a stuck client must not hold the thread that records a dispensation. A write
     * that already failed says so; a later failure is found by the next heartbeat.
     */
    synchronized boolean send(OutboundSseEvent event) {
      return SseSinks.send(sink, event);
    }
  }

  /** prescription number → viewers */
  private final Map<String, Map<String, Viewer>> open = new ConcurrentHashMap<>();

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> heartbeat;
  private ScheduledFuture<?> sessionCheck;
  private Sessions sessions;
  private Duration sessionCheckEvery = Duration.ofSeconds(1);

  protected PresenceHub() {}

  @Inject
  public PresenceHub(
      Sessions sessions,
      @ConfigProperty(name = "segur.presence.session-check", defaultValue = "PT1S") String sessionCheck) {
    this.sessions = sessions;
    this.sessionCheckEvery = Duration.parse(sessionCheck);
  }

  public void join(String number, Account account, String sessionTokenHash, SseEventSink sink, Sse sse) {
    startHeartbeat();
    Viewer me =
        new Viewer(UUID.randomUUID().toString(), account, sessionTokenHash, OffsetDateTime.now(ZoneOffset.UTC), sink, sse);
    open.computeIfAbsent(number, n -> new ConcurrentHashMap<>()).put(me.id(), me);
    // The screen learns its own id, to say "I left" at once rather than at the next heartbeat.
    me.send(sse.newEventBuilder().name("hello").data(Json.createObjectBuilder().add("viewerId", me.id()).build().toString()).build());
    broadcastPresence(number, me.pharmacy());
  }

  /** The screen closed the prescription: only its own account may say so. */
  public void leave(String number, String viewerId, Account account) {
    Viewer v = open.getOrDefault(number, Map.of()).get(viewerId);
    if (v != null && v.account().login().equals(account.login())) {
      leave(number, v);
    }
  }

  /** A dispensation was recorded on this prescription by {@code by}: the others re-read it. */
  public void dispensed(String number, String dispensationId, Account by) {
    Map<String, Viewer> viewers = open.getOrDefault(number, Map.of());
    String finess = by.pharmacy().finess();
    for (Viewer v : List.copyOf(viewers.values())) {
      if (!v.pharmacy().equals(finess)) {
        continue;
      }
      String data =
          Json.createObjectBuilder()
              .add("by", by.displayName())
              .add("dispensationId", dispensationId)
              .add("at", OffsetDateTime.now(ZoneOffset.UTC).toString())
              .build()
              .toString();
      if (!v.send(v.sse().newEventBuilder().name("dispensation").data(data).build())) {
        leave(number, v);
      }
    }
  }

  private void broadcastPresence(String number, String finess) {
    Map<String, Viewer> viewers = open.getOrDefault(number, Map.of());
    List<Viewer> same = viewers.values().stream().filter(v -> v.pharmacy().equals(finess)).toList();
    for (Viewer v : same) {
      JsonArrayBuilder others = Json.createArrayBuilder();
      for (Viewer o : same) {
        if (!o.id().equals(v.id())) {
          others.add(
              Json.createObjectBuilder()
                  .add("name", o.account().displayName())
                  .add("sameLogin", o.account().login().equals(v.account().login()))
                  .add("since", o.since().toString()));
        }
      }
      String data = Json.createObjectBuilder().add("others", others).build().toString();
      if (!v.send(v.sse().newEventBuilder().name("presence").data(data).build())) {
        leave(number, v);
      }
    }
  }

  private void leave(String number, Viewer v) {
    Map<String, Viewer> viewers = open.get(number);
    if (viewers == null || viewers.remove(v.id()) == null) {
      return;
    }
    close(v);
    if (viewers.isEmpty()) {
      open.remove(number, viewers);
    }
    broadcastPresence(number, v.pharmacy());
  }

  /** Off the calling thread: see {@link SseSinks#closeOffThread}. */
  private void close(Viewer v) {
    SseSinks.closeOffThread(v.sink(), scheduler);
  }

  private synchronized void startHeartbeat() {
    if (heartbeat == null && scheduler != null) {
      heartbeat = scheduler.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }
    if (sessionCheck == null && scheduler != null && sessions != null && !sessionCheckEvery.isZero()) {
      long ms = sessionCheckEvery.toMillis();
      sessionCheck = scheduler.scheduleWithFixedDelay(this::reauthorise, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** Logout: that session's streams end now. */
  void sessionEnded(@Observes SessionEnded ended) {
    endStreamsWhere(v -> ended.tokenHash().equals(v.sessionTokenHash()), "Session fermée.");
  }

  /**
   * The streams whose session can no longer act (revoked when the CPS card left its reader,
   * expired, closed on another node) end: one query for all of them.
   */
  void reauthorise() {
    try {
      java.util.Set<String> hashes = new java.util.HashSet<>();
      open.values().forEach(m -> m.values().forEach(v -> {
        if (v.sessionTokenHash() != null) {
          hashes.add(v.sessionTokenHash());
        }
      }));
      if (hashes.isEmpty()) {
        return;
      }
      java.util.Set<String> live = sessions.live(hashes);
      endStreamsWhere(v -> v.sessionTokenHash() != null && !live.contains(v.sessionTokenHash()), "Session terminée.");
    } catch (RuntimeException e) {
      // a database hiccup: the next check decides
    }
  }

  private void endStreamsWhere(java.util.function.Predicate<Viewer> ended, String reason) {
    for (Map.Entry<String, Map<String, Viewer>> e : open.entrySet()) {
      for (Viewer v : List.copyOf(e.getValue().values())) {
        if (ended.test(v)) {
          v.send(v.sse().newEventBuilder().name("ended").data(Json.createObjectBuilder().add("reason", reason).build().toString()).build());
          leave(e.getKey(), v);
        }
      }
    }
  }

  /** A comment line on every stream: finds the screens that went away (and keeps proxies open). */
  void beat() {
    for (Map.Entry<String, Map<String, Viewer>> e : open.entrySet()) {
      for (Viewer v : List.copyOf(e.getValue().values())) {
        if (!v.send(v.sse().newEventBuilder().comment("ping").build())) {
          leave(e.getKey(), v);
        }
      }
    }
  }

  @PreDestroy
  void stop() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    if (sessionCheck != null) {
      sessionCheck.cancel(false);
    }
    open.values().forEach(m -> m.values().forEach(v -> {
      try {
        v.sink().close();
      } catch (Exception ignored) {
        // shutting down
      }
    }));
  }
}
