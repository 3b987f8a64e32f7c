package fr.officine.segur.sandbox;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import fr.officine.segur.sandbox.db.Database;
import fr.officine.segur.sandbox.mssante.MssanteOperator;
import fr.officine.segur.sandbox.pki.TestPki;
import jakarta.xml.ws.Endpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A started sandbox. Closing it stops both listeners, closes its databases and deletes a temporary
 * PKI directory.
 */
public final class RunningSandbox implements AutoCloseable {
  private final HttpServer server;
  private final HttpsServer tls;
  private final ExecutorService executor;
  private final List<Endpoint> endpoints;
  private final List<Database> databases;
  private final TestPki pki;
  private final String host;
  private final MssanteOperator mssante;
  private boolean closed;

  RunningSandbox(
      HttpServer server,
      HttpsServer tls,
      ExecutorService executor,
      List<Endpoint> endpoints,
      List<Database> databases,
      TestPki pki,
      String host,
      MssanteOperator mssante) {
    this.mssante = mssante;
    this.server = server;
    this.tls = tls;
    this.pki = pki;
    this.executor = executor;
    this.endpoints = List.copyOf(endpoints);
    this.databases = List.copyOf(databases);
    this.host = host;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * e.g. {@code http://127.0.0.1:8090}; the e-prescription endpoint is at {@code /eprescription}.
   */
  public String baseUrl() {
    return "http://" + urlHost() + ":" + port();
  }

  /** The HTTPS port requiring a client certificate of the test PKI. */
  public int tlsPort() {
    return tls.getAddress().getPort();
  }

  /**
   * e.g. {@code https://127.0.0.1:8091}: the SOAP services (/eprescription, /dmp/*, /insi, /dp)
   * behind mutual TLS; the server certificate chains to {@code issued/trust-anchors.pem}.
   */
  public String tlsBaseUrl() {
    return "https://" + urlHost() + ":" + tlsPort();
  }

  /** The MSSanté operator's SMTP port (STARTTLS, client certificate of the test PKI required). */
  public int smtpPort() {
    return mssante.port();
  }

  /** e.g. {@code 127.0.0.1:8587}. */
  public String smtpAddress() {
    return urlHost() + ":" + smtpPort();
  }

  /**
   * {@code <dataDir>/pki}, or a temporary directory for an in-memory sandbox (deleted at close).
   */
  public Path pkiDirectory() {
    return pki.directory();
  }

  /** The test PKI itself: file locations, password, root, CRL. */
  public TestPki pki() {
    return pki;
  }

  private String urlHost() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Idempotent: a shutdown hook and a try-with-resources may both close it. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    endpoints.forEach(Endpoint::stop);
    mssante.close();
    server.stop(0);
    tls.stop(0);
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
    pki.close();
  }
}
