package fr.officine.segur.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), 0.2);

  @Test
  void delay_doubles_from_two_seconds_within_jitter() {
    Random random = new Random(1);
    for (int attempt = 1; attempt <= 7; attempt++) {
      long expected = 2000L << (attempt - 1);
      assertThat(backoff.delayAfter(attempt, random).toMillis())
          .isBetween(Math.round(expected * 0.8), Math.round(expected * 1.2));
    }
  }

  @Test
  void delay_is_capped_at_five_minutes_even_after_many_attempts() {
    Random random = new Random(2);
    for (int attempt : new int[] {9, 20, 63, 1000}) {
      assertThat(backoff.delayAfter(attempt, random))
          .isLessThanOrEqualTo(Duration.ofMinutes(6))
          .isGreaterThanOrEqualTo(Duration.ofMinutes(4));
    }
  }

  @Test
  void jitter_spreads_the_retries_of_sends_queued_together() {
    Random random = new Random(3);
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> backoff.delayAfter(3, random).toMillis())
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(40);
  }
}
