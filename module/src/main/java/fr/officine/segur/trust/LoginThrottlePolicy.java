package fr.officine.segur.trust;

import fr.officine.segur.config.Settings;
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

  /** Keys {@code segur.login.*}; defaults in microprofile-config.properties. */
  public static LoginThrottlePolicy from(Config config) {
    return new LoginThrottlePolicy(
        new Thresholds(
            config.getValue("segur.login.account.delay-after", Integer.class),
            config.getValue("segur.login.account.lock-after", Integer.class)),
        // a counter PC (or a proxy in front of several) types for several people: higher
        new Thresholds(
            config.getValue("segur.login.address.delay-after", Integer.class),
            config.getValue("segur.login.address.lock-after", Integer.class)),
        Settings.duration(config, "segur.login.delay-initial"),
        Settings.duration(config, "segur.login.delay-max"),
        Settings.duration(config, "segur.login.lock-duration"),
        Settings.duration(config, "segur.login.window"));
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
}
