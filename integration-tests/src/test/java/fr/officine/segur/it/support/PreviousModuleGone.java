package fr.officine.segur.it.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered before Arquillian's extension, so a test class's Payara starts only once the previous
 * class's one has gone.
 */
public final class PreviousModuleGone implements BeforeAllCallback {

  /**
   * A bound, not a wait: a module JVM ends within seconds of SIGTERM; one stuck in its shutdown (a
   * Grizzly HTTP/2 deadlock was seen closing live streams) is killed.
   */
  private static final Duration PREVIOUS_MODULE_BOUND = Duration.ofSeconds(60);

  /**
   * The Arquillian adapter stops a test class's Payara with {@code Process.destroy()} and does not
   * wait: on a loaded machine the next class's Payara started while the previous one was still
   * shutting down with the shared H2 database ({@code AUTO_SERVER}: the first to open it serves
   * it), and every call of the next class answered 500 when the old server went away (CI, DpIT,
   * 2026-12-02). The next class starts once no module JVM of this run on {@code module.dataDir} is
   * left; one that outlives the bound is killed, and said.
   */
  @Override
  public void beforeAll(ExtensionContext context) throws InterruptedException {
    String dataDir = System.getProperty("module.dataDir");
    if (dataDir == null) {
      return;
    }
    String flag = "-Dsegur.data.dir=" + dataDir;
    List<ProcessHandle> left =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().arguments().map(a -> List.of(a).contains(flag)).orElse(false))
            .toList();
    for (ProcessHandle p : left) {
      System.out.println("[PreviousModuleGone] waiting for the previous module JVM " + p.pid());
      try {
        p.onExit().get(PREVIOUS_MODULE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException stuck) {
        System.out.println("[PreviousModuleGone] killing the previous module JVM " + p.pid());
        p.destroyForcibly();
        p.onExit().join();
      }
    }
  }
}
