package fr.officine.segur.sandbox.pki;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.time.Clock;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The sandbox's second listener, as the national services are reached: HTTPS with a required client
 * certificate from the test PKI (TLS 1.2 or 1.3). A client with no certificate, one not issued
 * under the test root, an expired or a revoked one is refused at the handshake, before any HTTP is
 * read; each refusal is logged in one INFO line with its reason.
 */
public final class TlsListener {
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private TlsListener() {}

  /** An HttpsServer bound to {@code address}, not started (contexts are added by the caller). */
  public static HttpsServer create(InetSocketAddress address, TestPki pki, Clock clock)
      throws IOException {
    SSLContext context = serverContext(pki, clock);
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
            ssl.setProtocols(PROTOCOLS.clone());
            ssl.setNeedClientAuth(true);
            params.setSSLParameters(ssl);
          }
        });
    return server;
  }

  /**
   * The server side of the test PKI: its server certificate, client certificates checked by
   * ClientCertificateTrust.
   */
  public static SSLContext serverContext(TestPki pki, Clock clock) {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(pki.serverKeyStore(), pki.password());
      SSLContext jdk = SSLContext.getInstance("TLS");
      jdk.init(
          keys.getKeyManagers(),
          new TrustManager[] {new ClientCertificateTrust(pki, clock)},
          new SecureRandom());
      return new SSLContext(new RefusalLogging(jdk), jdk.getProvider(), jdk.getProtocol()) {};
    } catch (GeneralSecurityException e) {
      throw new PkiException("cannot set up the TLS server context", e);
    }
  }

  /**
   * The JDK's context, whose engines log their refused handshakes ({@link RefusalLoggingEngine}).
   */
  private static final class RefusalLogging extends SSLContextSpi {
    private final SSLContext jdk;

    RefusalLogging(SSLContext jdk) {
      this.jdk = jdk;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
        throws KeyManagementException {
      throw new KeyManagementException("already initialised with the test PKI");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return jdk.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return jdk.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return new RefusalLoggingEngine(jdk.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return new RefusalLoggingEngine(jdk.createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return jdk.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return jdk.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return jdk.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return jdk.getSupportedSSLParameters();
    }
  }
}
