package fr.officine.segur.scan;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.scan.ScanResult;
import fr.officine.segur.audit.AuditContext;
import fr.officine.segur.http.AcceptsBody;
import fr.officine.segur.http.BodyKind;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code POST /api/v1/scans} (DESIGN.md REST contract): the body is what the douchette typed
 * ({@code text/plain}) or a picture ({@code image/png}, {@code image/jpeg}, or {@code
 * application/octet-stream} holding PNG/JPEG bytes).
 *
 * <p>Any content type is let in and sorted here rather than by {@code @Consumes}, so that an
 * unsupported type gets the catalogue's problem (UNSUPPORTED_MEDIA_TYPE) and not the container's
 * bare 415. The body is taken as a stream: the service reads at most its limits.
 */
@Path("scans")
@RequestScoped
public class ScanResource {
  private final ScanService scans;
  private final AuditContext audit;

  /** For CDI's client proxy only. */
  protected ScanResource() {
    this.scans = null;
    this.audit = null;
  }

  @Inject
  public ScanResource(ScanService scans, AuditContext audit) {
    this.scans = scans;
    this.audit = audit;
  }

  @POST
  @Performs(Action.SCAN)
  @AcceptsBody(BodyKind.PICTURE)
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public ScanResult scan(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
    // Parsed by hand: "type/subtype; charset=x" is all that matters here, and it keeps the class
    // usable without a JAX-RS runtime (MediaType.valueOf needs one).
    String header = contentType == null ? "" : contentType;
    int semicolon = header.indexOf(';');
    String baseType =
        (semicolon >= 0 ? header.substring(0, semicolon) : header).strip().toLowerCase(Locale.ROOT);
    if (baseType.equals(MediaType.TEXT_PLAIN)) {
      return audit.scanned(
          scans.scanText(body, charsetOf(semicolon >= 0 ? header.substring(semicolon + 1) : "")));
    }
    // The service decides among image types, octet-stream and the rest (with the right problem);
    // no declared type at all is treated as octet-stream: a picture is still told by its bytes.
    return audit.scanned(
        scans.scanImage(body, baseType.isEmpty() ? MediaType.APPLICATION_OCTET_STREAM : baseType));
  }

  private static Charset charsetOf(String parameters) {
    for (String parameter : parameters.split(";")) {
      int equals = parameter.indexOf('=');
      if (equals > 0
          && parameter.substring(0, equals).strip().equalsIgnoreCase(MediaType.CHARSET_PARAMETER)) {
        String name = parameter.substring(equals + 1).strip().replace("\"", "");
        try {
          return Charset.forName(name);
        } catch (IllegalArgumentException e) {
          throw new ProblemException(
              ProblemType.UNSUPPORTED_MEDIA_TYPE,
              "Jeu de caractères inconnu dans Content-Type.",
              null,
              e);
        }
      }
    }
    // What LGOs and browsers send without saying; ISO-8859-1 (the old HTTP default) would turn the
    // accented AZERTY characters of a mis-set douchette into something else.
    return StandardCharsets.UTF_8;
  }
}
