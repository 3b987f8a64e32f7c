package fr.officine.segur.sandbox.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The national services the sandbox stands in for (DMP, INSi and DP endpoints come later). */
public enum SandboxService {
  DMP,
  EPRESCRIPTION,
  INSI,
  DP;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SandboxService> fromWire(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
  }
}
