package fr.officine.segur.sandbox.insi;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.OutageFilter;
import fr.officine.segur.sandbox.faults.SandboxService;
import jakarta.xml.ws.Endpoint;

/**
 * The sandbox INSi wired on the sandbox's HttpServer at {@code /insi}. Its register is the fixed
 * set of {@link InsiSeeds} (read-only, no database: the published answers never change).
 */
public final class Insi {
  public static final String PATH = "/insi";

  private Insi() {}

  public static Endpoint publish(HttpServer server, FaultModes faults) {
    Endpoint endpoint =
        Endpoint.create(new InsiEndpoint(new InsiRegistry(InsiSeeds.identities()), faults));
    HttpContext context = server.createContext(PATH);
    context.getFilters().add(new OutageFilter(faults, SandboxService.INSI));
    endpoint.publish(context);
    return endpoint;
  }
}
