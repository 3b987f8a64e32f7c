package fr.officine.segur.sandbox.faults;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Put in front of a service's HTTP context: DOWN answers 503 before the SOAP stack sees the
 * request, SLOW delays it. ERROR is left to the service, which answers with its own fault.
 */
public final class OutageFilter extends Filter {
  private static final byte[] OUTAGE_PAGE =
      ("<html><head><title>503 Service Unavailable</title></head><body>"
              + "<h1>Service Unavailable</h1></body></html>")
          .getBytes(StandardCharsets.US_ASCII);

  private final FaultModes modes;
  private final SandboxService service;

  public OutageFilter(FaultModes modes, SandboxService service) {
    this.modes = modes;
    this.service = service;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    FaultMode mode = modes.of(service);
    switch (mode.mode()) {
      case DOWN -> {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.getResponseHeaders().set("Retry-After", "30");
        exchange.sendResponseHeaders(503, OUTAGE_PAGE.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(OUTAGE_PAGE);
        }
        return;
      }
      case LOST_REQUEST -> {
        // read whole (the client has sent everything), then cut: closing an exchange whose
        // answer was not started closes the connection
        exchange.getRequestBody().readAllBytes();
        exchange.close();
        return;
      }
      case SLOW -> {
        try {
          Thread.sleep(mode.latencyMs());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          exchange.close();
          return;
        }
      }
      default -> {
        // UP, ERROR and LOST_ANSWER go through to the service (which cuts after its work).
      }
    }
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "sandbox fault injection for " + service.wireName();
  }
}
