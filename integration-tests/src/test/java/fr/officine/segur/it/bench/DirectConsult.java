package fr.officine.segur.it.bench;

import fr.officine.segur.sandbox.eprescription.soap.ConsulterEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.ContexteLPS;
import fr.officine.segur.sandbox.eprescription.soap.EPrescriptionPort;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Service;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.namespace.QName;

/**
 * The sandbox's e-prescription consult called straight, without the module (issue 13 §7: the
 * module's overhead is its scan→consult latency over this one): a JAX-WS client of the same WSDL,
 * over mutual TLS with the certificate the sandbox issued to Pharmacie du Marché (what the module
 * presents for the titulaire), the same SOAP operation and header the module sends.
 */
final class DirectConsult {
  static final String MARCHE = "690100011";
  private static final QName SERVICE =
      new QName("urn:officine-segur:stand-in:eprescription:v1", "EPrescriptionService");

  /**
   * Metro's request-context key for the TLS socket factory (JAXWSProperties.SSL_SOCKET_FACTORY).
   */
  private static final String SOCKET_FACTORY =
      "com.sun.xml.ws.transport.https.client.SSLSocketFactory";

  private final Service service;
  private final String endpoint;
  private final SSLContext tls;

  /**
   * @param plainBase the sandbox's http address (its WSDL is read there once)
   * @param tlsPort the sandbox's mutual-TLS port, where the calls go
   * @param pki the sandbox's PKI directory ({@code issued/})
   */
  DirectConsult(String plainBase, int tlsPort, Path pki) throws Exception {
    this.service = Service.create(new URL(plainBase + "/eprescription?wsdl"), SERVICE);
    this.endpoint = "https://127.0.0.1:" + tlsPort + "/eprescription";
    this.tls = pharmacyTls(pki.resolve("issued"));
  }

  /** One proxy per counter thread (a JAX-WS proxy is not shared between threads). */
  EPrescriptionPort port() {
    EPrescriptionPort port = service.getPort(EPrescriptionPort.class);
    var context = ((BindingProvider) port).getRequestContext();
    context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint);
    context.put(SOCKET_FACTORY, tls.getSocketFactory());
    return port;
  }

  static void consult(EPrescriptionPort port, String number) throws Exception {
    ConsulterEPrescription request = new ConsulterEPrescription();
    request.setNumero(number);
    ContexteLPS c = new ContexteLPS();
    c.setIdLogiciel("officine-segur-bench");
    c.setNomLogiciel("officine-segur");
    c.setVersionLogiciel("0.1.0");
    c.setInstance(UUID.randomUUID().toString());
    c.setFiness(MARCHE);
    c.setNomStructure("Pharmacie du Marché");
    c.setRppsPS("10100000016");
    c.setNomPS("MARTIN Claire");
    if (port.consulterEPrescription(request, c).getPrescription() == null) {
      throw new IllegalStateException("no prescription " + number);
    }
  }

  /** The pharmacy's PKCS#12 (password file beside it) and the issued trust anchors. */
  private static SSLContext pharmacyTls(Path issued) throws Exception {
    char[] password = Files.readString(issued.resolve("password")).strip().toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(issued.resolve("pharmacy-" + MARCHE + ".p12"))) {
      keys.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    try (InputStream in = Files.newInputStream(issued.resolve("trust-anchors.pem"))) {
      int i = 0;
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        anchors.setCertificateEntry("anchor-" + i++, (X509Certificate) c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(anchors);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
