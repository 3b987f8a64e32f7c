package fr.officine.segur.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How to start a sandbox.
 *
 * @param host the address to listen on (loopback by default: the sandbox holds test data only)
 * @param port the plain HTTP port, 0 = any free port (read it back with {@link
 *     RunningSandbox#port()})
 * @param tlsPort the HTTPS port requiring a client certificate of the test PKI, 0 = any free port
 *     ({@link RunningSandbox#tlsPort()})
 * @param dataDir where each service keeps its H2 files and the test PKI its files ({@code pki/});
 *     {@code null} = in memory and a temporary PKI directory, gone at close
 * @param clock the sandbox's notion of today: tests pass their own to age prescriptions
 * @param pkiDir where the test PKI lives; {@code null} = {@code <dataDir>/pki} (a temporary
 *     directory when dataDir is null). Test suites point many in-memory sandboxes at one directory
 *     so the RSA keys are generated once, not at every start.
 * @param cdaValidation whether the DMP validates each received CDA against CDA_extended.xsd and the
 *     five CI-SIS schematrons and refuses it when it fails (InvalidDocumentContent), as the real
 *     DMP does; off by default until the module's documents pass them (README: option {@code
 *     --cda-validation})
 * @param smtpPort the MSSanté operator's SMTP port (STARTTLS, client certificate of the test PKI
 *     required), 0 = any free port ({@link RunningSandbox#smtpPort()})
 */
public record SandboxConfig(
    String host,
    int port,
    int tlsPort,
    Path dataDir,
    Clock clock,
    Path pkiDir,
    boolean cdaValidation,
    int smtpPort) {
  /** Prescriptions are dated in metropolitan France. */
  public static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

  public static final int DEFAULT_PORT = 8090;
  public static final int DEFAULT_TLS_PORT = 8091;

  /**
   * The operators' submission port is 587; the sandbox's stays above 1024, beside the other two.
   */
  public static final int DEFAULT_SMTP_PORT = 8587;

  public SandboxConfig(String host, int port, int tlsPort, Path dataDir, Clock clock) {
    this(host, port, tlsPort, dataDir, clock, null, false, 0);
  }

  public SandboxConfig(
      String host,
      int port,
      int tlsPort,
      Path dataDir,
      Clock clock,
      Path pkiDir,
      boolean cdaValidation) {
    this(host, port, tlsPort, dataDir, clock, pkiDir, cdaValidation, 0);
  }

  public SandboxConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (tlsPort < 0 || tlsPort > 65535) {
      throw new IllegalArgumentException("TLS port out of range: " + tlsPort);
    }
    if (port != 0 && port == tlsPort) {
      throw new IllegalArgumentException("the HTTP and the TLS port must differ: " + port);
    }
    if (smtpPort < 0 || smtpPort > 65535) {
      throw new IllegalArgumentException("SMTP port out of range: " + smtpPort);
    }
    if (smtpPort != 0 && (smtpPort == port || smtpPort == tlsPort)) {
      throw new IllegalArgumentException(
          "the SMTP port must differ from the HTTP and TLS ports: " + smtpPort);
    }
  }

  /**
   * What SandboxMain runs with no options: 127.0.0.1:8090 and :8091 (TLS), files under
   * ./data/sandbox.
   */
  public static SandboxConfig defaults() {
    return new SandboxConfig(
        "127.0.0.1",
        DEFAULT_PORT,
        DEFAULT_TLS_PORT,
        Path.of("data", "sandbox"),
        Clock.system(FRANCE),
        null,
        false,
        DEFAULT_SMTP_PORT);
  }

  /** For tests: loopback, free ports, in-memory databases, a temporary PKI, the real clock. */
  public static SandboxConfig inMemory() {
    return new SandboxConfig("127.0.0.1", 0, 0, null, Clock.system(FRANCE));
  }

  public SandboxConfig withHost(String host) {
    return new SandboxConfig(host, port, tlsPort, dataDir, clock, pkiDir, cdaValidation, smtpPort);
  }

  public SandboxConfig withPort(int port) {
    return new SandboxConfig(host, port, tlsPort, dataDir, clock, pkiDir, cdaValidation, smtpPort);
  }

  public SandboxConfig withTlsPort(int tlsPort) {
    return new SandboxConfig(host, port, tlsPort, dataDir, clock, pkiDir, cdaValidation, smtpPort);
  }

  public SandboxConfig withDataDir(Path dataDir) {
    return new SandboxConfig(host, port, tlsPort, dataDir, clock, pkiDir, cdaValidation, smtpPort);
  }

  public SandboxConfig withClock(Clock clock) {
    return new SandboxConfig(host, port, tlsPort, dataDir, clock, pkiDir, cdaValidation, smtpPort);
  }

  public SandboxConfig withCdaValidation(boolean cdaValidation) {
    return new SandboxConfig(host, port, tlsPort, dataDir, clock, pkiDir, cdaValidation, smtpPort);
  }

  public SandboxConfig withPkiDir(Path pkiDir) {
    return new SandboxConfig(host, port, tlsPort, dataDir, clock, pkiDir, cdaValidation, smtpPort);
  }

  public SandboxConfig withSmtpPort(int smtpPort) {
    return new SandboxConfig(host, port, tlsPort, dataDir, clock, pkiDir, cdaValidation, smtpPort);
  }
}
