package fr.officine.segur.counter;

import fr.officine.segur.cluster.NodeBus;
import fr.officine.segur.config.Settings;
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
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;

/**
 * Who has which prescription open, per pharmacy, and the live streams to tell them. Only counters
 * of the same pharmacy see each other (another pharmacy's screen is none of their business). This
 * is a notice, not a lock: the e-prescription base still arbitrates every dispensation.
 *
 * <p>A stream that went away is noticed at the next event or heartbeat (10 s), unless the screen
 * said it left, then removed and the others told. A stream lives no longer than the session that
 * asked for it: it ends at once on logout ({@link SessionEnded}) and within {@code
 * segur.presence.session-check} (PT1S) when the session is revoked (CPS card removed) or expires,
 * with an {@code ended} event first.
 *
 * <p>On a cluster (issue 13 §2) the counters of one pharmacy may be on different nodes: each node
 * tells the others, over the {@link NodeBus}, the list of its own viewers of a prescription
 * whenever it changes and at every heartbeat, and a recorded dispensation. A node's list not
 * repeated for {@link #REMOTE_TTL} (the node died) is dropped. A notice, so the data grid (lossy)
 * carries it.
 */
@ApplicationScoped
public class PresenceHub {
  private static final long HEARTBEAT_SECONDS = 10;

  /** One open screen. */
  record Viewer(
      String id,
      Account account,
      String sessionTokenHash,
      OffsetDateTime since,
      SseEventSink sink,
      Sse sse) {
    String pharmacy() {
      return account.pharmacy().finess();
    }

    /**
     * Sends are serialised per stream (Jersey's sink is not meant for concurrent writers) and never
     * waited for: a stuck client must not hold the thread that records a dispensation. A write that
     * already failed says so; a later failure is found by the next heartbeat.
     */
    synchronized boolean send(OutboundSseEvent event) {
      return SseSinks.send(sink, event);
    }
  }

  /** prescription number → viewers */
  private final Map<String, Map<String, Viewer>> open = new ConcurrentHashMap<>();

  /** A screen open on another node, as that node last said. */
  record RemoteViewer(String id, String pharmacy, String login, String name, String since) {}

  record RemoteList(List<RemoteViewer> viewers, java.time.Instant at) {}

  static final Duration REMOTE_TTL = Duration.ofSeconds(3 * HEARTBEAT_SECONDS + 5);
  static final String PRESENCE_CHANNEL = "presence";
  static final String DISPENSED_CHANNEL = "presence-dispensed";

  /** prescription number → node → its viewers */
  private final Map<String, Map<String, RemoteList>> remote = new ConcurrentHashMap<>();

  private NodeBus bus;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> heartbeat;
  private ScheduledFuture<?> sessionCheck;
  private Sessions sessions;
  private Duration sessionCheckEvery = Duration.ofSeconds(1);

  protected PresenceHub() {}

  @Inject
  public PresenceHub(Sessions sessions, Config config, NodeBus bus) {
    this(sessions, Settings.duration(config, "segur.presence.session-check"), bus);
  }

  PresenceHub(Sessions sessions, Duration sessionCheckEvery, NodeBus bus) {
    this.sessions = sessions;
    this.sessionCheckEvery = sessionCheckEvery;
    this.bus = bus;
    bus.subscribe(PRESENCE_CHANNEL, this::remotePresence);
    bus.subscribe(DISPENSED_CHANNEL, this::remoteDispensed);
  }

  public void join(
      String number, Account account, String sessionTokenHash, SseEventSink sink, Sse sse) {
    startHeartbeat();
    Viewer me =
        new Viewer(
            UUID.randomUUID().toString(),
            account,
            sessionTokenHash,
            OffsetDateTime.now(ZoneOffset.UTC),
            sink,
            sse);
    dropStaleRemotes();
    open.computeIfAbsent(number, n -> new ConcurrentHashMap<>()).put(me.id(), me);
    // The screen learns its own id, to say "I left" at once rather than at the next heartbeat.
    me.send(
        sse.newEventBuilder()
            .name("hello")
            .data(Json.createObjectBuilder().add("viewerId", me.id()).build().toString())
            .build());
    broadcastPresence(number, me.pharmacy());
    publishViewers(number);
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
    String at = OffsetDateTime.now(ZoneOffset.UTC).toString();
    tellDispensed(number, by.pharmacy().finess(), by.displayName(), dispensationId, at);
    if (bus != null) {
      bus.publish(
          DISPENSED_CHANNEL,
          Json.createObjectBuilder()
              .add("number", number)
              .add("pharmacy", by.pharmacy().finess())
              .add("by", by.displayName())
              .add("dispensationId", dispensationId)
              .add("at", at)
              .build()
              .toString());
    }
  }

  private void tellDispensed(
      String number, String finess, String byName, String dispensationId, String at) {
    Map<String, Viewer> viewers = open.getOrDefault(number, Map.of());
    for (Viewer v : List.copyOf(viewers.values())) {
      if (!v.pharmacy().equals(finess)) {
        continue;
      }
      String data =
          Json.createObjectBuilder()
              .add("by", byName)
              .add("dispensationId", dispensationId)
              .add("at", at)
              .build()
              .toString();
      if (!v.send(v.sse().newEventBuilder().name("dispensation").data(data).build())) {
        leave(number, v);
      }
    }
  }

  /** Another node recorded a dispensation: this node's screens of that pharmacy re-read it. */
  void remoteDispensed(String json) {
    try (var reader = Json.createReader(new java.io.StringReader(json))) {
      jakarta.json.JsonObject o = reader.readObject();
      tellDispensed(
          o.getString("number"),
          o.getString("pharmacy"),
          o.getString("by"),
          o.getString("dispensationId"),
          o.getString("at"));
    }
  }

  /** This node's viewers of {@code number}, to the other nodes (an empty list: none left here). */
  private void publishViewers(String number) {
    if (bus == null) {
      return;
    }
    JsonArrayBuilder viewers = Json.createArrayBuilder();
    for (Viewer v : open.getOrDefault(number, Map.of()).values()) {
      viewers.add(
          Json.createObjectBuilder()
              .add("id", v.id())
              .add("pharmacy", v.pharmacy())
              .add("login", v.account().login())
              .add("name", v.account().displayName())
              .add("since", v.since().toString()));
    }
    bus.publish(
        PRESENCE_CHANNEL,
        Json.createObjectBuilder()
            .add("node", bus.nodeId())
            .add("number", number)
            .add("viewers", viewers)
            .build()
            .toString());
  }

  /** Another node's viewers of a prescription: this node's screens learn who else has it open. */
  void remotePresence(String json) {
    jakarta.json.JsonObject o;
    try (var reader = Json.createReader(new java.io.StringReader(json))) {
      o = reader.readObject();
    }
    String number = o.getString("number");
    List<RemoteViewer> viewers =
        o.getJsonArray("viewers").getValuesAs(jakarta.json.JsonObject.class).stream()
            .map(
                v ->
                    new RemoteViewer(
                        v.getString("id"),
                        v.getString("pharmacy"),
                        v.getString("login"),
                        v.getString("name"),
                        v.getString("since")))
            .toList();
    Map<String, RemoteList> nodes = remote.computeIfAbsent(number, n -> new ConcurrentHashMap<>());
    RemoteList before =
        viewers.isEmpty()
            ? nodes.remove(o.getString("node"))
            : nodes.put(o.getString("node"), new RemoteList(viewers, java.time.Instant.now()));
    if (nodes.isEmpty()) {
      remote.remove(number, nodes);
    }
    java.util.Set<String> pharmacies = new java.util.HashSet<>();
    viewers.forEach(v -> pharmacies.add(v.pharmacy()));
    if (before != null) {
      before.viewers().forEach(v -> pharmacies.add(v.pharmacy()));
    }
    pharmacies.forEach(p -> broadcastPresence(number, p));
  }

  /** Lists of nodes that stopped repeating them (the node died): dropped, the screens told. */
  void dropStaleRemotes() {
    java.time.Instant oldest = java.time.Instant.now().minus(REMOTE_TTL);
    for (Map.Entry<String, Map<String, RemoteList>> e : remote.entrySet()) {
      java.util.Set<String> pharmacies = new java.util.HashSet<>();
      e.getValue()
          .entrySet()
          .removeIf(
              n -> {
                boolean stale = n.getValue().at().isBefore(oldest);
                if (stale) {
                  n.getValue().viewers().forEach(v -> pharmacies.add(v.pharmacy()));
                }
                return stale;
              });
      if (e.getValue().isEmpty()) {
        remote.remove(e.getKey(), e.getValue());
      }
      pharmacies.forEach(p -> broadcastPresence(e.getKey(), p));
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
      for (RemoteList list : remote.getOrDefault(number, Map.of()).values()) {
        for (RemoteViewer o : list.viewers()) {
          if (o.pharmacy().equals(finess)) {
            others.add(
                Json.createObjectBuilder()
                    .add("name", o.name())
                    .add("sameLogin", o.login().equals(v.account().login()))
                    .add("since", o.since()));
          }
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
    publishViewers(number);
  }

  /** Off the calling thread: see {@link SseSinks#closeOffThread}. */
  private void close(Viewer v) {
    SseSinks.closeOffThread(v.sink(), scheduler);
  }

  /** Under the lock that started them: stop() runs on another thread than the first viewer's. */
  private synchronized void stopTimers() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    if (sessionCheck != null) {
      sessionCheck.cancel(false);
    }
  }

  private synchronized void startHeartbeat() {
    if (heartbeat == null && scheduler != null) {
      heartbeat =
          scheduler.scheduleAtFixedRate(
              this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }
    if (sessionCheck == null
        && scheduler != null
        && sessions != null
        && !sessionCheckEvery.isZero()) {
      long ms = sessionCheckEvery.toMillis();
      sessionCheck =
          scheduler.scheduleWithFixedDelay(this::reauthorise, ms, ms, TimeUnit.MILLISECONDS);
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
      open.values()
          .forEach(
              m ->
                  m.values()
                      .forEach(
                          v -> {
                            if (v.sessionTokenHash() != null) {
                              hashes.add(v.sessionTokenHash());
                            }
                          }));
      if (hashes.isEmpty()) {
        return;
      }
      java.util.Set<String> live = sessions.live(hashes);
      endStreamsWhere(
          v -> v.sessionTokenHash() != null && !live.contains(v.sessionTokenHash()),
          "Session terminée.");
    } catch (RuntimeException e) {
      // a database hiccup: the next check decides
    }
  }

  private void endStreamsWhere(java.util.function.Predicate<Viewer> ended, String reason) {
    for (Map.Entry<String, Map<String, Viewer>> e : open.entrySet()) {
      for (Viewer v : List.copyOf(e.getValue().values())) {
        if (ended.test(v)) {
          v.send(
              v.sse()
                  .newEventBuilder()
                  .name("ended")
                  .data(Json.createObjectBuilder().add("reason", reason).build().toString())
                  .build());
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
    open.keySet().forEach(this::publishViewers); // the other nodes keep this node's lists fresh
    dropStaleRemotes();
  }

  /** The screens' connections are left to the container: see {@code EventStreams#stop}. */
  @PreDestroy
  void stop() {
    stopTimers();
    open.clear();
  }
}
