package fr.officine.segur.it.support;

import fr.officine.segur.sandbox.RunningSandbox;
import fr.officine.segur.sandbox.Sandbox;
import fr.officine.segur.sandbox.SandboxConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the sandbox once per test JVM, on the ports failsafe reserved: {@code sandbox.port} (plain
 * HTTP: admin API) and {@code sandbox.tls.port} (mutual TLS), the latter passed to Payara as {@code
 * segur.sandbox.url}, so every module call in every IT goes over a real socket with the pharmacy's
 * certificate. The sandbox's PKI is under {@code sandbox.dataDir}; what it issued is installed into
 * {@code module.pkiDir} (Payara's {@code segur.pki.dir}). The MSSanté operator listens on {@code
 * sandbox.smtp.port} (Payara's {@code segur.mssante.smtp.port}). The running sandbox lives in
 * JUnit's root store, which closes it when the JVM's tests are done.
 */
public final class SandboxExtension implements BeforeAllCallback, ParameterResolver {

  @Override
  public void beforeAll(ExtensionContext context) {
    sandbox(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SandboxAdmin.class || type == InstalledCertificates.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Holder holder = sandbox(context);
    return parameter.getParameter().getType() == InstalledCertificates.class
        ? holder.certificates()
        : new SandboxAdmin(holder.running().baseUrl());
  }

  private static Holder sandbox(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Holder.class, key -> Holder.start(), Holder.class);
  }

  /** Closed by JUnit at the end of the run. */
  record Holder(RunningSandbox running, InstalledCertificates certificates)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    static Holder start() {
      int port = Integer.getInteger("sandbox.port", 0);
      int tlsPort = Integer.getInteger("sandbox.tls.port", 0);
      int smtpPort = Integer.getInteger("sandbox.smtp.port", 0);
      String dataDir = System.getProperty("sandbox.dataDir");
      RunningSandbox running =
          Sandbox.start(
              new SandboxConfig(
                      "127.0.0.1",
                      port,
                      tlsPort,
                      dataDir == null ? null : Path.of(dataDir),
                      Clock.systemUTC())
                  // -Dsandbox.cdaValidation=on: the DMP validates each received CDA (XSD + CI-SIS
                  // schematrons)
                  .withCdaValidation(
                      "on".equals(System.getProperty("sandbox.cdaValidation", "off")))
                  // the MSSanté operator's SMTP port, passed to Payara as segur.mssante.smtp.port
                  .withSmtpPort(smtpPort));
      Path installed =
          Path.of(
              System.getProperty(
                  "module.pkiDir", running.pkiDirectory().resolve("module").toString()));
      return new Holder(running, InstalledCertificates.install(running.pkiDirectory(), installed));
    }

    @Override
    public void close() throws Exception {
      running.close();
    }
  }
}
