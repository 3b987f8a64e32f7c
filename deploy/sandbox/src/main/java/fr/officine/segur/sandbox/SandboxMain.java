package fr.officine.segur.sandbox;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javax.xml.transform.TransformerFactory;

/**
 * {@code java -jar sandbox.jar [--host 127.0.0.1] [--port 8090] [--tls-port 8091] [--smtp-port
 * 8587] [--data ./data/sandbox | --in-memory] [--cda-validation on|off]}. The same options may come
 * as system properties sandbox.host, sandbox.port, sandbox.tlsPort, sandbox.data, sandbox.smtpPort;
 * arguments win. Prints one line when ready and stops cleanly on SIGTERM / Ctrl-C.
 */
public final class SandboxMain {
  private SandboxMain() {}

  /** JAXP's first lookup step for {@code TransformerFactory.newInstance()}. */
  private static final String TRANSFORMER_FACTORY = TransformerFactory.class.getName();

  public static void main(String[] args) throws InterruptedException {
    useJdkTransformerFactory();
    SandboxConfig config;
    try {
      config = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("sandbox: " + e.getMessage());
      System.err.println(
          "usage: java -jar sandbox.jar [--host 127.0.0.1] [--port 8090] [--tls-port 8091] [--smtp-port 8587] [--data DIR | --in-memory] [--cda-validation on|off]");
      System.exit(2);
      return;
    }
    RunningSandbox sandbox = Sandbox.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                },
                "sandbox-shutdown"));
    System.out.println("Sandbox ready on " + sandbox.baseUrl());
    // a second line: scripts reading the first one (unchanged) keep working
    System.out.println(
        "Sandbox mutual TLS on "
            + sandbox.tlsBaseUrl()
            + ", test PKI in "
            + sandbox.pkiDirectory().toAbsolutePath());
    System.out.println(
        "Sandbox MSSanté operator (SMTP, STARTTLS + client certificate) on "
            + sandbox.smtpAddress());
    System.out.flush();
    stopped.await();
  }

  static SandboxConfig parse(String[] args) {
    SandboxConfig config = SandboxConfig.defaults();
    String host = System.getProperty("sandbox.host");
    String port = System.getProperty("sandbox.port");
    String tlsPort = System.getProperty("sandbox.tlsPort");
    String smtpPort = System.getProperty("sandbox.smtpPort");
    String data = System.getProperty("sandbox.data");
    String cdaValidation = System.getProperty("sandbox.cdaValidation");
    boolean inMemory = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = value(args, ++i, "--host");
        case "--port" -> port = value(args, ++i, "--port");
        case "--tls-port" -> tlsPort = value(args, ++i, "--tls-port");
        case "--smtp-port" -> smtpPort = value(args, ++i, "--smtp-port");
        case "--data" -> data = value(args, ++i, "--data");
        case "--in-memory" -> inMemory = true;
        case "--cda-validation" -> cdaValidation = value(args, ++i, "--cda-validation");
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (host != null) {
      config = config.withHost(host);
    }
    if (port != null) {
      config = config.withPort(number(port, "port"));
    }
    if (tlsPort != null) {
      config = config.withTlsPort(number(tlsPort, "TLS port"));
    }
    if (smtpPort != null) {
      config = config.withSmtpPort(number(smtpPort, "SMTP port"));
    }
    if (inMemory) {
      config = config.withDataDir(null);
    } else if (data != null) {
      config = config.withDataDir(Path.of(data));
    }
    if (cdaValidation != null) {
      if (!cdaValidation.equals("on") && !cdaValidation.equals("off")) {
        throw new IllegalArgumentException("--cda-validation must be on or off: " + cdaValidation);
      }
      config = config.withCdaValidation(cdaValidation.equals("on"));
    }
    return config;
  }

  private static int number(String text, String what) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be a number: " + text);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /**
   * SAAJ writes each SOAP answer through {@code TransformerFactory.newInstance()}, which without
   * this property scans every jar's {@code META-INF/services} at each call and finds Saxon (there
   * for the schematrons, used through its own API). Naming the JDK's factory skips the scan: 10 %
   * of the sandbox's CPU per ITI-41. An operator's own {@code -D} choice is kept.
   */
  private static void useJdkTransformerFactory() {
    if (System.getProperty(TRANSFORMER_FACTORY) == null) {
      System.setProperty(
          TRANSFORMER_FACTORY, TransformerFactory.newDefaultInstance().getClass().getName());
    }
  }
}
