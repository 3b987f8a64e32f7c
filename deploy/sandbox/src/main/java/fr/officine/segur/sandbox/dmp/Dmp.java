package fr.officine.segur.sandbox.dmp;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import fr.officine.segur.sandbox.db.Database;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.OutageFilter;
import fr.officine.segur.sandbox.faults.SandboxService;
import fr.officine.segur.sandbox.pki.SealCertificates;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.handler.Handler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox DMP, wired on the sandbox's HttpServer: /dmp/patients (TD0.2), /dmp/repository
 * (ITI-41), /dmp/registry (ITI-18), and /sandbox/dmp for the admin API (plain HTTP listener only).
 * Its own H2 "dmp".
 */
public final class Dmp {
  public static final String PATIENTS = "/dmp/patients";
  public static final String REPOSITORY = "/dmp/repository";
  public static final String REGISTRY = "/dmp/registry";

  private final DmpStore store;
  private final DmpSeeds seeds;
  private final VihfVerifier vihf;
  private final XdsSchemas schemas;
  private final DmpRules rules;
  private final SubmissionSignatures signatures;
  private final Optional<CdaConformance> conformance;

  /**
   * @param conformance the CDA validation (XSD + CI-SIS schematrons) run on each received eDISP
   *     document; empty = not validated (sandbox option {@code --cda-validation off})
   */
  public Dmp(
      Database db, Clock clock, SealCertificates seals, Optional<CdaConformance> conformance) {
    this.store = new DmpStore(db, clock);
    this.seeds = new DmpSeeds(store);
    seeds.seedIfEmpty();
    this.vihf = new VihfVerifier(store.clock(), seals);
    this.schemas = new XdsSchemas();
    this.rules = new DmpRules(store);
    this.signatures = new SubmissionSignatures(seals);
    this.conformance = conformance;
  }

  /** Publishes the three SOAP endpoints and the admin context; returns the endpoints to stop. */
  public List<Endpoint> publish(HttpServer server, FaultModes faults) {
    List<Endpoint> endpoints = publishServices(server, faults);
    server.createContext("/sandbox/dmp", new DmpAdmin(store));
    return endpoints;
  }

  /**
   * The three SOAP endpoints alone (the TLS listener has no admin API). An Endpoint is published
   * once: each listener gets its own, over the same store, rules and schemas.
   */
  public List<Endpoint> publishServices(HttpServer server, FaultModes faults) {
    return List.of(
        publish(server, faults, PATIENTS, new PatientsEndpoint(faults, vihf, store)),
        publish(
            server,
            faults,
            REPOSITORY,
            new RepositoryEndpoint(
                faults,
                vihf,
                new ProvideAndRegister(schemas, rules, store, signatures, conformance),
                store)),
        publish(
            server, faults, REGISTRY, new RegistryEndpoint(faults, vihf, schemas, rules, store)));
  }

  private static Endpoint publish(
      HttpServer server, FaultModes faults, String path, DmpSoapService service) {
    Endpoint endpoint = Endpoint.create(service);
    List<Handler> chain = new ArrayList<>(endpoint.getBinding().getHandlerChain());
    chain.add(new DmpSoapService.UnderstoodHeaders());
    endpoint.getBinding().setHandlerChain(chain);
    HttpContext context = server.createContext(path);
    context.getFilters().add(new OutageFilter(faults, SandboxService.DMP));
    endpoint.publish(context);
    return endpoint;
  }

  /** POST /sandbox/reset: the DMP back to its seeds. */
  public void reset() {
    store.wipe();
    seeds.seedIfEmpty();
  }
}
