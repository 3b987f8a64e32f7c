package fr.officine.segur.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * How the module reads a setting that MicroProfile Config does not type by itself (issue 14 §5).
 * Every default is in {@code META-INF/microprofile-config.properties}, once: nothing here or in a
 * feature's settings record writes a second one.
 *
 * <p>Durations are ISO-8601 ({@code PT2S}, {@code PT0.5S}, {@code P7D}) under their key. The keys
 * spelled {@code …-ms} before (milliseconds, e.g. {@code segur.dmp.status-timeout-ms}) are operator
 * contracts in deploy scripts and test setups: each still works as an alias of its ISO key without
 * the suffix, in whole milliseconds. Of the two, the one set in the stronger place wins (a {@code
 * -D} beats the environment, which beats the defaults file); set in the same place, the ISO key.
 */
public final class Settings {
  /** The suffix of the former millisecond spelling of a duration key. */
  public static final String MILLIS_ALIAS = "-ms";

  private Settings() {}

  public static Duration duration(Config config, String key) {
    ConfigValue iso = config.getConfigValue(key);
    ConfigValue millis = config.getConfigValue(key + MILLIS_ALIAS);
    if (millis.getValue() != null
        && (iso.getValue() == null || millis.getSourceOrdinal() > iso.getSourceOrdinal())) {
      return millis(key + MILLIS_ALIAS, millis.getValue());
    }
    if (iso.getValue() == null) {
      throw new NoSuchElementException(
          key + " is not set (its default belongs in META-INF/microprofile-config.properties)");
    }
    return iso(key, iso.getValue());
  }

  /**
   * A duration read under a specific key ({@code segur.outbox.dmp.backoff-max}) that a general key
   * ({@code segur.outbox.backoff-max}, an operator contract from before the specific one) still
   * sets: of the two, the one set in the stronger place wins, as for the {@code -ms} aliases; set
   * in the same place, the specific key. Either may be spelled with {@code -ms}.
   */
  public static Duration duration(Config config, String specific, String general) {
    return ordinal(config, general) > ordinal(config, specific)
        ? duration(config, general)
        : duration(config, specific);
  }

  /**
   * A fraction in [0, 1) read under a specific key that a general key still sets (same rule as
   * {@link #duration(Config, String, String)}).
   */
  public static double fraction(Config config, String specific, String general) {
    String key = ordinal(config, general) > ordinal(config, specific) ? general : specific;
    String text = config.getValue(key, String.class);
    try {
      double value = Double.parseDouble(text.trim());
      if (value < 0 || value >= 1) {
        throw new NumberFormatException("out of [0, 1)");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + ": a fraction in [0, 1) is expected (0.2), not « " + text + " »", e);
    }
  }

  /**
   * How strongly {@code key} (or its {@code -ms} alias) is set; {@code MIN_VALUE} when it is not.
   */
  private static int ordinal(Config config, String key) {
    int best = Integer.MIN_VALUE;
    for (String k : new String[] {key, key + MILLIS_ALIAS}) {
      ConfigValue v = config.getConfigValue(k);
      if (v.getValue() != null) {
        best = Math.max(best, v.getSourceOrdinal());
      }
    }
    return best;
  }

  static Duration iso(String key, String text) {
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          key + ": an ISO-8601 duration is expected (PT2S, PT0.5S, P7D), not « " + text + " »", e);
    }
  }

  static Duration millis(String key, String text) {
    try {
      return Duration.ofMillis(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + ": whole milliseconds are expected, not « " + text + " »", e);
    }
  }
}
