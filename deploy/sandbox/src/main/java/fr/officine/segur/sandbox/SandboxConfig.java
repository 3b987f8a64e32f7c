package fr.officine.segur.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How to start a sandbox.
 *
 * @param host the address to listen on (loopback by default: the sandbox holds test data only)
 * @param port the port, 0 = any free port (read it back with {@link RunningSandbox#port()})
 * @param dataDir where each service keeps its H2 files; {@code null} = in memory, gone at close
 * @param clock the sandbox's notion of today: tests pass their own to age prescriptions
 */
public record SandboxConfig(String host, int port, Path dataDir, Clock clock) {
  /** Prescriptions are dated in metropolitan France. */
  public static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

  public static final int DEFAULT_PORT = 8090;

  public SandboxConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** What SandboxMain runs with no options: 127.0.0.1:8090, files under ./data/sandbox. */
  public static SandboxConfig defaults() {
    return new SandboxConfig("127.0.0.1", DEFAULT_PORT, Path.of("data", "sandbox"), Clock.system(FRANCE));
  }

  /** For tests: loopback, a free port, in-memory databases, the real clock. */
  public static SandboxConfig inMemory() {
    return new SandboxConfig("127.0.0.1", 0, null, Clock.system(FRANCE));
  }

  public SandboxConfig withHost(String host) {
    return new SandboxConfig(host, port, dataDir, clock);
  }

  public SandboxConfig withPort(int port) {
    return new SandboxConfig(host, port, dataDir, clock);
  }

  public SandboxConfig withDataDir(Path dataDir) {
    return new SandboxConfig(host, port, dataDir, clock);
  }

  public SandboxConfig withClock(Clock clock) {
    return new SandboxConfig(host, port, dataDir, clock);
  }
}
