package fr.officine.segur.sandbox.dmp;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import fr.officine.segur.sandbox.db.Database;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.OutageFilter;
import fr.officine.segur.sandbox.faults.SandboxService;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.handler.Handler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox DMP, wired on the sandbox's HttpServer: /dmp/patients (TD0.2), /dmp/repository
 * (ITI-41), /dmp/registry (ITI-18), and /sandbox/dmp for the admin API. Its own H2 "dmp".
 */
public final class Dmp {
  public static final String PATIENTS = "/dmp/patients";
  public static final String REPOSITORY = "/dmp/repository";
  public static final String REGISTRY = "/dmp/registry";

  private final DmpStore store;
  private final DmpSeeds seeds;
  private final List<Endpoint> endpoints = new ArrayList<>();

  public Dmp(Database db, Clock clock) {
    this.store = new DmpStore(db, clock);
    this.seeds = new DmpSeeds(store);
    seeds.seedIfEmpty();
  }

  /** Publishes the three SOAP endpoints and the admin context; returns the endpoints to stop. */
  public List<Endpoint> publish(HttpServer server, FaultModes faults) {
    VihfVerifier vihf = new VihfVerifier(store.clock());
    XdsSchemas schemas = new XdsSchemas();
    DmpRules rules = new DmpRules(store);
    publish(server, faults, PATIENTS, new PatientsEndpoint(faults, vihf, store));
    publish(server, faults, REPOSITORY, new RepositoryEndpoint(faults, vihf, new ProvideAndRegister(schemas, rules, store)));
    publish(server, faults, REGISTRY, new RegistryEndpoint(faults, vihf, schemas, rules, store));
    server.createContext("/sandbox/dmp", new DmpAdmin(store));
    return List.copyOf(endpoints);
  }

  private void publish(HttpServer server, FaultModes faults, String path, DmpSoapService service) {
    Endpoint endpoint = Endpoint.create(service);
    List<Handler> chain = new ArrayList<>(endpoint.getBinding().getHandlerChain());
    chain.add(new DmpSoapService.UnderstoodHeaders());
    endpoint.getBinding().setHandlerChain(chain);
    HttpContext context = server.createContext(path);
    context.getFilters().add(new OutageFilter(faults, SandboxService.DMP));
    endpoint.publish(context);
    endpoints.add(endpoint);
  }

  /** POST /sandbox/reset: the DMP back to its seeds. */
  public void reset() {
    store.wipe();
    seeds.seedIfEmpty();
  }
}
