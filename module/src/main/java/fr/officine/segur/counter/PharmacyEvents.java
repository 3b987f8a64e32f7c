package fr.officine.segur.counter;

import fr.officine.segur.dispensation.Dispensation;
import fr.officine.segur.dispensation.DispensationChanges;
import fr.officine.segur.outbox.SendAttempted;
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
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One live stream per counter screen of a pharmacy (issue 10 §1, §2): what changed about the
 * pharmacy's dispensations after their first answer. Events carry ids and codes only, never
 * patient data: the screen re-reads what it shows through the authenticated API.
 *
 * <ul>
 *   <li>{@code dispensation} {@code {"dispensationId","prescriptionNumber","status","settledAt"?,"settledBy"?}}: its
 *       status changed (in doubt, settled by the recovery task or a pharmacist, not recorded);
 *   <li>{@code sends} {@code {"dispensationId","target"}}: one of its sends (DMP, DP) was attempted.
 * </ul>
 *
 * A stream lives no longer than its session (ended at once on logout, within a second when the
 * session is revoked or expires, with an {@code ended} event), and a screen gone away is found by
 * the next event or the 10 s heartbeat. In-process: a cluster needs a shared bus (issue 13).
 */
@ApplicationScoped
public class PharmacyEvents implements DispensationChanges {
  private static final long HEARTBEAT_SECONDS = 10;
  private static final long SESSION_CHECK_MS = 1000;

  /** One open screen. Writes are serialised per stream and never waited for. */
  record Screen(String id, String finess, String sessionTokenHash, SseEventSink sink, Sse sse) {
    synchronized boolean send(OutboundSseEvent event) {
      return SseSinks.send(sink, event);
    }
  }

  private final Map<String, Screen> screens = new ConcurrentHashMap<>();

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  private Sessions sessions;
  private ScheduledFuture<?> heartbeat;
  private ScheduledFuture<?> sessionCheck;

  protected PharmacyEvents() {}

  @Inject
  public PharmacyEvents(Sessions sessions) {
    this.sessions = sessions;
  }

  public void join(Account account, String sessionTokenHash, SseEventSink sink, Sse sse) {
    startTimers();
    Screen s = new Screen(UUID.randomUUID().toString(), account.pharmacy().finess(), sessionTokenHash, sink, sse);
    screens.put(s.id(), s);
    s.send(sse.newEventBuilder().name("hello").data("{}").build());
  }

  @Override
  public void changed(Dispensation d) {
    JsonObjectBuilder data =
        Json.createObjectBuilder()
            .add("dispensationId", d.id().toString())
            .add("prescriptionNumber", d.prescriptionNumber().value())
            .add("status", d.status().name());
    d.settlement()
        .ifPresent(s -> data.add("settledAt", s.at().toString()).add("settledBy", s.by()));
    broadcast(d.pharmacyFiness(), "dispensation", data.build().toString());
  }

  void sendAttempted(@Observes SendAttempted attempted) {
    broadcast(
        attempted.pharmacyFiness(),
        "sends",
        Json.createObjectBuilder()
            .add("dispensationId", attempted.dispensationId().toString())
            .add("target", attempted.target().name())
            .build()
            .toString());
  }

  private void broadcast(String finess, String name, String data) {
    for (Screen s : List.copyOf(screens.values())) {
      if (s.finess().equals(finess) && !s.send(s.sse().newEventBuilder().name(name).data(data).build())) {
        drop(s);
      }
    }
  }

  /** Logout: that session's screens end now. */
  void sessionEnded(@Observes SessionEnded ended) {
    endWhere(s -> ended.tokenHash().equals(s.sessionTokenHash()), "Session fermée.");
  }

  /** Sessions revoked (CPS card removed), expired or closed elsewhere: one query for all. */
  void reauthorise() {
    try {
      Set<String> hashes = new HashSet<>();
      screens.values().forEach(s -> hashes.add(s.sessionTokenHash()));
      if (!hashes.isEmpty()) {
        Set<String> live = sessions.live(hashes);
        endWhere(s -> !live.contains(s.sessionTokenHash()), "Session terminée.");
      }
    } catch (RuntimeException e) {
      // a database hiccup: the next check decides
    }
  }

  private void endWhere(Predicate<Screen> ended, String reason) {
    for (Screen s : List.copyOf(screens.values())) {
      if (ended.test(s)) {
        s.send(s.sse().newEventBuilder().name("ended").data(Json.createObjectBuilder().add("reason", reason).build().toString()).build());
        drop(s);
      }
    }
  }

  void beat() {
    for (Screen s : List.copyOf(screens.values())) {
      if (!s.send(s.sse().newEventBuilder().comment("ping").build())) {
        drop(s);
      }
    }
  }

  /** Closed off the calling thread: see {@link SseSinks#closeOffThread}. */
  private void drop(Screen s) {
    if (screens.remove(s.id()) != null) {
      SseSinks.closeOffThread(s.sink(), scheduler);
    }
  }

  /** Under the lock that started them: stop() runs on another thread than the first stream's. */
  private synchronized void stopTimers() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
      sessionCheck.cancel(false);
    }
  }

  private synchronized void startTimers() {
    if (scheduler == null || heartbeat != null) {
      return;
    }
    heartbeat = scheduler.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    sessionCheck = scheduler.scheduleWithFixedDelay(this::reauthorise, SESSION_CHECK_MS, SESSION_CHECK_MS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    stopTimers();
    screens.values().forEach(s -> {
      try {
        s.sink().close();
      } catch (Exception ignored) {
        // shutting down
      }
    });
  }
}
