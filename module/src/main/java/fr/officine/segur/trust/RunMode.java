package fr.officine.segur.trust;

import java.util.Locale;
import java.util.Optional;

/**
 * What {@code segur.mode} makes of this installation. Only {@code sandbox}, spelled out, seeds the
 * test pharmacies and the accounts whose password is their login and reads the sample product base;
 * anything else (absent, blank, {@code production}, a typo) is production, so a forgotten or
 * mistyped setting never opens those accounts (issue 11 §14). {@code deploy/run.sh} and every test
 * launch set {@code -Dsegur.mode=sandbox} explicitly.
 */
public enum RunMode {
  SANDBOX,
  PRODUCTION;

  /** The configuration key. */
  public static final String KEY = "segur.mode";

  public static RunMode of(Optional<String> configured) {
    return configured
            .map(v -> v.trim().toLowerCase(Locale.ROOT))
            .filter("sandbox"::equals)
            .isPresent()
        ? SANDBOX
        : PRODUCTION;
  }

  public boolean seedsSandboxAccounts() {
    return this == SANDBOX;
  }
}
