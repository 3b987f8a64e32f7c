package fr.officine.segur.sandbox.pki;

import com.sun.net.httpserver.HttpsExchange;
import com.sun.xml.ws.developer.JAXWSProperties;
import jakarta.xml.ws.WebServiceContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Who opened the TLS session of a SOAP request: what the national services know the caller by. */
public final class TlsPeers {
  private TlsPeers() {}

  /** The client certificate of the current request; empty on the plain HTTP listener. */
  public static Optional<X509Certificate> clientCertificate(WebServiceContext context) {
    if (context == null
        || !(context.getMessageContext().get(JAXWSProperties.HTTP_EXCHANGE)
            instanceof HttpsExchange https)) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = https.getSSLSession().getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x509
          ? Optional.of(x509)
          : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }
}
