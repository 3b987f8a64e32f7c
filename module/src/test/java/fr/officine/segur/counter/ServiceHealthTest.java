package fr.officine.segur.counter;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.counter.ServiceHealth.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ServiceHealthTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-23T14:00:00Z"), ZoneOffset.UTC);
  final ServiceHealth health = new ServiceHealth(clock);

  @Test
  void a_service_never_called_is_unknown_not_up() {
    assertThat(health.observed(NationalService.DP).state()).isEqualTo(State.UNKNOWN);
    assertThat(health.observed(NationalService.DP).lastSuccess()).isEmpty();
  }

  @Test
  void the_last_call_decides_red_amber_green_and_the_last_success_is_kept_while_down() {
    health.answered(NationalService.DMP, Duration.ofMillis(120));
    assertThat(health.observed(NationalService.DMP).state()).isEqualTo(State.UP);
    assertThat(health.observed(NationalService.DMP).lastLatencyMs()).contains(120L);

    health.failed(NationalService.DMP, Duration.ofMillis(1500), "DMP injoignable");
    ServiceHealth.Observed down = health.observed(NationalService.DMP);
    assertThat(down.state()).isEqualTo(State.DOWN);
    assertThat(down.lastSuccess()).contains(clock.instant().atOffset(ZoneOffset.UTC));
    assertThat(down.lastFailureReason()).contains("DMP injoignable");

    health.answered(NationalService.DMP, ServiceHealth.SLOW.plusMillis(1));
    assertThat(health.observed(NationalService.DMP).state()).isEqualTo(State.DEGRADED);
    health.answered(NationalService.DMP, Duration.ofMillis(80));
    assertThat(health.observed(NationalService.DMP).state()).isEqualTo(State.UP);
    assertThat(health.observed(NationalService.EPRESCRIPTION).state())
        .as("per service")
        .isEqualTo(State.UNKNOWN);
  }
}
