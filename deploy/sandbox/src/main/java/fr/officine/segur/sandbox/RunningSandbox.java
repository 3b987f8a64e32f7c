package fr.officine.segur.sandbox;

import com.sun.net.httpserver.HttpServer;
import fr.officine.segur.sandbox.db.Database;
import jakarta.xml.ws.Endpoint;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** A started sandbox. Closing it stops the server and closes its databases. */
public final class RunningSandbox implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Endpoint> endpoints;
  private final List<Database> databases;
  private final String host;
  private boolean closed;

  RunningSandbox(
      HttpServer server,
      ExecutorService executor,
      List<Endpoint> endpoints,
      List<Database> databases,
      String host) {
    this.server = server;
    this.executor = executor;
    this.endpoints = List.copyOf(endpoints);
    this.databases = List.copyOf(databases);
    this.host = host;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** e.g. {@code http://127.0.0.1:8090}; the e-prescription endpoint is at {@code /eprescription}. */
  public String baseUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port();
  }

  /** Idempotent: a shutdown hook and a try-with-resources may both close it. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    endpoints.forEach(Endpoint::stop);
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    databases.forEach(Database::close);
  }
}
