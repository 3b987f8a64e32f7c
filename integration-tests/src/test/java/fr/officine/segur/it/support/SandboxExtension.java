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
 * Starts the sandbox once per test JVM, on the port failsafe reserved ({@code sandbox.port}) and
 * passed to Payara as {@code segur.sandbox.url}: the module reaches it over a real socket. The
 * running sandbox lives in JUnit's root store, which closes it when the JVM's tests are done.
 */
public final class SandboxExtension implements BeforeAllCallback, ParameterResolver {

  @Override
  public void beforeAll(ExtensionContext context) {
    sandbox(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SandboxAdmin.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return new SandboxAdmin(sandbox(context).running().baseUrl());
  }

  private static Holder sandbox(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Holder.class, key -> Holder.start(), Holder.class);
  }

  /** Closed by JUnit at the end of the run. */
  record Holder(RunningSandbox running)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    static Holder start() {
      int port = Integer.getInteger("sandbox.port", 0);
      String dataDir = System.getProperty("sandbox.dataDir");
      return new Holder(
          Sandbox.start(
              new SandboxConfig(
                  "127.0.0.1", port, 0, dataDir == null ? null : Path.of(dataDir), Clock.systemUTC())));
    }

    @Override
    public void close() throws Exception {
      running.close();
    }
  }
}
