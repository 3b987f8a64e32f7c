package fr.officine.segur.sandbox.pki;

import static fr.officine.segur.sandbox.admin.AdminResponses.problem;
import static fr.officine.segur.sandbox.admin.AdminResponses.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * /sandbox/pki on the plain HTTP port, what IGC-Santé publishes: {@code GET /sandbox/pki/crl} the
 * organisations CA's CRL (DER, application/pkix-crl, as a CRL distribution point serves it) and
 * {@code GET /sandbox/pki/trust-anchors.pem} the test root.
 */
public final class PkiAdmin implements HttpHandler {
  public static final String PATH = "/sandbox/pki";

  private final TestPki pki;

  public PkiAdmin(TestPki pki) {
    this.pki = pki;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      if (!"GET".equals(ex.getRequestMethod())) {
        problem(ex, 405, "Méthode " + ex.getRequestMethod() + " non prise en charge ici.");
        return;
      }
      switch (ex.getRequestURI().getPath()) {
        case PATH + "/crl" -> send(ex, 200, "application/pkix-crl", pki.crlDer());
        case PATH + "/trust-anchors.pem" ->
            send(
                ex,
                200,
                "application/x-pem-file",
                pki.trustAnchorsPem().getBytes(StandardCharsets.US_ASCII));
        default ->
            problem(ex, 404, "Ressource inconnue du bac à sable : " + ex.getRequestURI().getPath());
      }
    } finally {
      ex.close();
    }
  }
}
