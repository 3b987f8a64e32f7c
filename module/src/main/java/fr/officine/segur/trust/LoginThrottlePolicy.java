package fr.officine.segur.trust;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * How failed password logins are slowed down, then locked (issue 11 §6; ANSSI's password
 * recommendations: limit the rate of attempts, lock temporarily). Per account and per client
 * address, each with its own thresholds; after {@code delayAfter} failures in a row each next try
 * waits {@code delayInitial}, doubled at every further failure up to {@code delayMax}; at {@code
 * lockAfter} failures the subject is locked for {@code lockDuration}. Failures older than {@code
 * window} are forgotten. Keys {@code segur.login.*}.
 */
public record LoginThrottlePolicy(
    Thresholds account,
    Thresholds address,
    Duration delayInitial,
    Duration delayMax,
    Duration lockDuration,
    Duration window) {

  /** When one kind of subject is slowed down, then locked (failures in a row). */
  public record Thresholds(int delayAfter, int lockAfter) {}

  public static LoginThrottlePolicy defaults() {
    return new LoginThrottlePolicy(
        new Thresholds(5, 10),
        // a counter PC (or a proxy in front of several) types for several people: higher
        new Thresholds(30, 100),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofMinutes(15),
        Duration.ofMinutes(15));
  }

  public static LoginThrottlePolicy from(Config config) {
    LoginThrottlePolicy d = defaults();
    return new LoginThrottlePolicy(
        new Thresholds(
            integer(config, "segur.login.account.delay-after", d.account().delayAfter()),
            integer(config, "segur.login.account.lock-after", d.account().lockAfter())),
        new Thresholds(
            integer(config, "segur.login.address.delay-after", d.address().delayAfter()),
            integer(config, "segur.login.address.lock-after", d.address().lockAfter())),
        duration(config, "segur.login.delay-initial", d.delayInitial()),
        duration(config, "segur.login.delay-max", d.delayMax()),
        duration(config, "segur.login.lock-duration", d.lockDuration()),
        duration(config, "segur.login.window", d.window()));
  }

  Thresholds of(LoginThrottle.Subject kind) {
    return kind == LoginThrottle.Subject.ACCOUNT ? account : address;
  }

  /**
   * The wait before the next try after {@code failures} failures in a row (zero below delayAfter).
   */
  Duration delayAfter(LoginThrottle.Subject kind, int failures) {
    int over = failures - of(kind).delayAfter();
    if (over < 0) {
      return Duration.ZERO;
    }
    Duration delay = delayInitial.multipliedBy(1L << Math.min(over, 20));
    return delay.compareTo(delayMax) > 0 ? delayMax : delay;
  }

  private static int integer(Config config, String key, int fallback) {
    return config.getOptionalValue(key, Integer.class).orElse(fallback);
  }

  private static Duration duration(Config config, String key, Duration fallback) {
    return config.getOptionalValue(key, String.class).map(Duration::parse).orElse(fallback);
  }
}
