package fr.officine.segur.trust.tls;

import com.sun.xml.ws.developer.JAXWSProperties;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Service;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.HttpsURLConnection;

/**
 * How the module's JAX-WS clients of the national services get a port: the endpoint, the connect
 * and read timeouts, and over https the calling pharmacy's TLS (its certificate, the trust
 * anchors). The Service (WSDL parsed from the classpath, JAXB context) is built once. A port serves
 * one call at a time (its request context is not thread-safe and carries the pharmacy) and is kept
 * for the next: Metro's {@code getPort} looks its extensions up through the class loaders at each
 * call, which was 24 % of a counter request's CPU (JFR profile of 300 counter rounds, 2026-12-04).
 *
 * @param <S> the wsimport-generated Service
 * @param <P> its port (SEI)
 */
public final class SoapPorts<S extends Service, P> {
  /**
   * Ports kept between calls: enough for the calls a node makes at once to one service; a port
   * beyond is dropped after its call.
   */
  private static final int IDLE_PORTS = 16;

  /** One call on a port, as the generated port's methods declare it (their SOAP fault). */
  @FunctionalInterface
  public interface PortCall<P, R, E extends Exception> {
    R on(P port) throws E;
  }

  private final Supplier<S> newService;
  private final Function<S, P> newPort;
  private final String endpoint;
  private final int connectTimeoutMs;
  private final int readTimeoutMs;
  private final NationalServiceTls tls;
  private final BlockingDeque<P> idle = new LinkedBlockingDeque<>(IDLE_PORTS);
  private S service;

  public SoapPorts(
      Supplier<S> newService,
      Function<S, P> newPort,
      String endpoint,
      Duration connectTimeout,
      Duration readTimeout,
      NationalServiceTls tls) {
    this.newService = newService;
    this.newPort = newPort;
    this.endpoint = endpoint;
    // JAX-WS and URLConnection take whole milliseconds as an int
    this.connectTimeoutMs = Math.toIntExact(connectTimeout.toMillis());
    this.readTimeoutMs = Math.toIntExact(readTimeout.toMillis());
    this.tls = tls;
  }

  public String endpoint() {
    return endpoint;
  }

  /**
   * One call on behalf of pharmacy {@code finess}, on a port of its own while it runs.
   *
   * @throws fr.officine.segur.problem.ProblemException over https, when the pharmacy's certificate
   *     is not installed or not valid (before any call)
   */
  public <R, E extends Exception> R call(String finess, PortCall<P, R, E> call) throws E {
    P port = port(finess);
    try {
      return call.on(port);
    } finally {
      idle.offerFirst(port);
    }
  }

  /**
   * A kept port, or a new one, set for pharmacy {@code finess}: its socket factory is set at each
   * call, so a renewed certificate is the one used at once.
   */
  private P port(String finess) {
    boolean tlsEndpoint = NationalServiceTls.isTls(endpoint);
    Object socketFactory = tlsEndpoint ? tls.forPharmacy(finess).socketFactory() : null;
    P port = idle.pollFirst();
    if (port == null) {
      port = newPort.apply(service());
      Map<String, Object> rc = ((BindingProvider) port).getRequestContext();
      rc.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint);
      rc.put(JAXWSProperties.CONNECT_TIMEOUT, connectTimeoutMs);
      rc.put(JAXWSProperties.REQUEST_TIMEOUT, readTimeoutMs);
    }
    if (tlsEndpoint) {
      ((BindingProvider) port)
          .getRequestContext()
          .put(JAXWSProperties.SSL_SOCKET_FACTORY, socketFactory);
    }
    return port;
  }

  /**
   * Makes the first real call fast: builds the Service and a port (Metro's JAXB and WSDL model),
   * then one cheap round trip on the same connection stack Metro uses (HttpsURLConnection with the
   * pharmacy's socket factory: GET {@code ?wsdl}), which does the TLS handshake and leaves the
   * connection in the JDK's keep-alive cache for the first call. Any HTTP answer will do.
   *
   * @return the HTTP status of the round trip
   */
  public int warmUp(String finess) throws IOException {
    idle.offerFirst(port(finess));
    HttpURLConnection c =
        (HttpURLConnection) URI.create(endpoint + "?wsdl").toURL().openConnection();
    if (c instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(tls.forPharmacy(finess).socketFactory());
    }
    c.setConnectTimeout(connectTimeoutMs);
    c.setReadTimeout(readTimeoutMs);
    int status = c.getResponseCode();
    // read to the end: only a fully read answer leaves the connection reusable
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (in != null) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    return status;
  }

  /**
   * The French problem when a call as pharmacy {@code finess} failed because of TLS (certificate
   * refused by the service, or the service's not recognised); empty otherwise.
   */
  public java.util.Optional<fr.officine.segur.problem.ProblemException> tlsRefusal(
      Throwable failure, String finess, String service) {
    return tls.explain(failure, finess, endpoint, connectTimeoutMs, service);
  }

  /** Parsing the WSDL costs tens of milliseconds (seconds cold): once. */
  private synchronized S service() {
    if (service == null) {
      service = newService.get();
    }
    return service;
  }
}
