package fr.officine.segur.counter;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.dmp.DmpUnavailable;
import fr.officine.segur.dp.DossierPharmaceutique.DpUnavailable;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the module's own clients observed of each national service, plus a light background probe
 * ({@link HealthProbe}, one static page per service every 30 s) so that a light also changes when
 * nobody calls the service; the real calls still tell more and count the same way. A call that got
 * an answer (even a business refusal) proves the service up; a call without a usable answer
 * (timeout, refused connection, 5xx) counts as a failure, and so does a call refused for the
 * pharmacy's organisation certificate (absent, expired, revoked, unknown to the service): nothing
 * can be called until it is fixed, which the pharmacist must see. {@link #ended} is the one place
 * that tells the two apart. The last call decides: red when it failed, amber when it answered
 * slower than {@link #SLOW}, green otherwise.
 */
@ApplicationScoped
public class ServiceHealth {
  /** Slower than this, the service is answering but the pharmacist will feel it. */
  static final Duration SLOW = Duration.ofMillis(2000);

  public enum State {
    UP,
    DEGRADED,
    DOWN,
    UNKNOWN
  }

  /** One service as last observed. */
  public record Observed(
      NationalService service,
      State state,
      Optional<Long> lastLatencyMs,
      Optional<OffsetDateTime> lastSuccess,
      Optional<OffsetDateTime> lastFailure,
      Optional<String> lastFailureReason) {}

  /**
   * Told of every observation (real call or probe) as it is counted here: the supervision's metrics
   * take latency and failures from the one place that tells an answer from a failure.
   */
  @FunctionalInterface
  public interface CallListener {
    void ended(NationalService service, Duration latency, boolean answered);
  }

  private final Map<NationalService, Track> tracks = new EnumMap<>(NationalService.class);
  private final Clock clock;
  private final List<CallListener> listeners;

  public ServiceHealth() {
    this(Clock.systemUTC());
  }

  @Inject
  public ServiceHealth(Instance<CallListener> listeners) {
    this(Clock.systemUTC(), listeners.stream().toList());
  }

  ServiceHealth(Clock clock) {
    this(clock, List.of());
  }

  ServiceHealth(Clock clock, List<CallListener> listeners) {
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
    for (NationalService s : NationalService.values()) {
      tracks.put(s, new Track());
    }
  }

  /** What the light says when the pharmacy's organisation certificate stopped the call. */
  static final String CERTIFICATE_REFUSED = "Certificat de la pharmacie refusé ou absent";

  /**
   * A call to {@code service} ended with {@code failure} after {@code latency}: down when the
   * service gave no usable answer or the pharmacy's certificate stopped the call, answered
   * otherwise (a business refusal is an answer).
   */
  public void ended(NationalService service, Duration latency, RuntimeException failure) {
    downReason(failure)
        .ifPresentOrElse(
            reason -> failed(service, latency, reason), () -> answered(service, latency));
  }

  /** Why {@code failure} means the service cannot be used; empty when it is a business answer. */
  static Optional<String> downReason(RuntimeException failure) {
    // the certificate problem first: the DP and DMP clients carry it inside their "unavailable"
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ProblemException p
          && (p.type() == ProblemType.ORGANISATION_CERTIFICATE_MISSING
              || p.type() == ProblemType.ORGANISATION_CERTIFICATE_INVALID)) {
        return Optional.of(CERTIFICATE_REFUSED + " : " + p.detail());
      }
    }
    if (failure instanceof ProblemException p
        && (p.type() == ProblemType.EPRESCRIPTION_UNAVAILABLE
            || p.type() == ProblemType.INSI_UNAVAILABLE)) {
      return Optional.of(p.type().title());
    }
    if (failure instanceof DpUnavailable || failure instanceof DmpUnavailable) {
      return Optional.of(String.valueOf(failure.getMessage()));
    }
    return Optional.empty();
  }

  /** The service gave an answer after {@code latency}. */
  public void answered(NationalService service, Duration latency) {
    tracks.get(service).add(true, latency, null, OffsetDateTime.now(clock));
    listeners.forEach(l -> l.ended(service, latency, true));
  }

  /** The service gave no usable answer after {@code latency}; {@code reason} is French. */
  public void failed(NationalService service, Duration latency, String reason) {
    tracks.get(service).add(false, latency, reason, OffsetDateTime.now(clock));
    listeners.forEach(l -> l.ended(service, latency, false));
  }

  public Observed observed(NationalService service) {
    return tracks.get(service).snapshot(service);
  }

  /** Guarded by its own monitor: calls come from request threads and the outbox poller at once. */
  private static final class Track {
    private boolean seen;
    private Long lastLatencyMs;
    private OffsetDateTime lastSuccess;
    private OffsetDateTime lastFailure;
    private String lastFailureReason;
    private boolean lastOk;

    synchronized void add(boolean ok, Duration latency, String reason, OffsetDateTime at) {
      seen = true;
      lastLatencyMs = latency.toMillis();
      lastOk = ok;
      if (ok) {
        lastSuccess = at;
      } else {
        lastFailure = at;
        lastFailureReason = reason;
      }
    }

    synchronized Observed snapshot(NationalService service) {
      State state;
      if (!seen) {
        state = State.UNKNOWN;
      } else if (!lastOk) {
        state = State.DOWN;
      } else if (lastLatencyMs > SLOW.toMillis()) {
        state = State.DEGRADED;
      } else {
        state = State.UP;
      }
      return new Observed(
          service,
          state,
          Optional.ofNullable(lastLatencyMs),
          Optional.ofNullable(lastSuccess),
          Optional.ofNullable(lastFailure),
          Optional.ofNullable(lastFailureReason));
    }
  }
}
