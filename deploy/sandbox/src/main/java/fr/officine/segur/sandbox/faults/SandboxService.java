package fr.officine.segur.sandbox.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The national services the sandbox stands in for (DMP, INSi and DP endpoints come later). */
public enum SandboxService {
  DMP,
  EPRESCRIPTION,
  INSI,
  DP,
  /** The MSSanté operator (SMTP): down = 421 at connection, error = 451 after DATA. */
  MSSANTE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SandboxService> fromWire(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
  }
}
