package fr.officine.segur.sandbox.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The current fault mode of each sandboxed service, set through POST /sandbox/faults. */
public final class FaultModes {
  private final Map<SandboxService, FaultMode> modes = new ConcurrentHashMap<>();

  public FaultMode of(SandboxService service) {
    return modes.getOrDefault(service, FaultMode.NORMAL);
  }

  public void set(SandboxService service, FaultMode mode) {
    modes.put(service, mode);
  }

  public void resetAll() {
    modes.clear();
  }

  public Map<SandboxService, FaultMode> snapshot() {
    Map<SandboxService, FaultMode> all = new EnumMap<>(SandboxService.class);
    for (SandboxService s : SandboxService.values()) {
      all.put(s, of(s));
    }
    return all;
  }
}
