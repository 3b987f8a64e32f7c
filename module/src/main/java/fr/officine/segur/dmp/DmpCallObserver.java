package fr.officine.segur.dmp;

import java.time.Duration;

/** Told of every DMP call's outcome and duration (the counter's health lights listen). */
public interface DmpCallObserver {
  DmpCallObserver NONE =
      new DmpCallObserver() {
        @Override
        public void answered(Duration latency) {}

        @Override
        public void failed(Duration latency, String reason) {}
      };

  void answered(Duration latency);

  /**
   * @param reason French, from {@link DmpUnavailable}
   */
  void failed(Duration latency, String reason);

  /**
   * The call failed with {@code failure} (its causes may say why, e.g. the pharmacy's certificate).
   */
  default void failed(Duration latency, DmpUnavailable failure) {
    failed(latency, failure.getMessage());
  }
}
