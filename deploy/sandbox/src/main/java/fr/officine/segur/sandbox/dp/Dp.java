package fr.officine.segur.sandbox.dp;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import fr.officine.segur.sandbox.db.Database;
import fr.officine.segur.sandbox.dmp.DmpStore;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.OutageFilter;
import fr.officine.segur.sandbox.faults.SandboxService;
import jakarta.xml.ws.Endpoint;
import java.time.Clock;

/**
 * The DP stub, wired on the sandbox's HttpServer: SOAP at /dp, admin at /sandbox/dp. Its own H2
 * "dp"; the DMP's store (same H2 as the sandbox DMP) for the via-dp forwarding.
 */
public final class Dp {
  public static final String PATH = "/dp";

  private final DpStore store;
  private final DpSeeds seeds;
  private final DmpStore dmp;

  public Dp(Database db, DmpStore dmp, Clock clock) {
    this.store = new DpStore(db, clock);
    this.seeds = new DpSeeds(store);
    this.dmp = dmp;
    seeds.seedIfEmpty();
  }

  public Endpoint publish(HttpServer server, FaultModes faults) {
    Endpoint endpoint = publishService(server, faults);
    server.createContext("/sandbox/dp", new DpAdmin(store));
    return endpoint;
  }

  /** The SOAP endpoint alone (TLS listener): its own Endpoint over the same store. */
  public Endpoint publishService(HttpServer server, FaultModes faults) {
    Endpoint endpoint =
        Endpoint.create(new DpEndpoint(store, seeds, new DmpForwarding(dmp), faults));
    HttpContext context = server.createContext(PATH);
    context.getFilters().add(new OutageFilter(faults, SandboxService.DP));
    endpoint.publish(context);
    return endpoint;
  }

  /** POST /sandbox/reset: the DP back to its seeds. */
  public void reset() {
    store.wipe();
    seeds.seedIfEmpty();
  }
}
