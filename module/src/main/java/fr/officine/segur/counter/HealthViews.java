package fr.officine.segur.counter;

import java.time.OffsetDateTime;
import java.util.List;

/** {@code GET /api/v1/health/services}: what the counter's status bar shows. */
public final class HealthViews {
  private HealthViews() {}

  /**
   * @param state UP, DEGRADED, DOWN, or UNKNOWN (no call observed since the module started)
   * @param label the service's French name
   * @param stateLabel the state in French
   */
  public record ServiceView(
      String service,
      String label,
      String state,
      String stateLabel,
      Long lastLatencyMs,
      OffsetDateTime lastSuccessAt,
      OffsetDateTime lastFailureAt,
      String lastFailureReason) {}

  /**
   * @param pendingSends the pharmacy's sends waiting in the outbox
   * @param oldestPendingSeconds null when nothing waits
   * @param eprescriptionDown when true, {@code whatYouCanDo} says what still works
   */
  public record ServicesHealthView(
      List<ServiceView> services,
      int pendingSends,
      Long oldestPendingSeconds,
      String pendingLabel,
      boolean eprescriptionDown,
      List<String> whatYouCanDo) {}
}
