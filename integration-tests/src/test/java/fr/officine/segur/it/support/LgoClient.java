package fr.officine.segur.it.support;

import fr.officine.segur.lgo.ApiClient;
import fr.officine.segur.lgo.ApiException;
import fr.officine.segur.lgo.ApiResponse;
import fr.officine.segur.lgo.api.AuditApi;
import fr.officine.segur.lgo.api.DispensationsApi;
import fr.officine.segur.lgo.api.EventsApi;
import fr.officine.segur.lgo.api.PrescriptionsApi;
import fr.officine.segur.lgo.api.ReconciliationsApi;
import fr.officine.segur.lgo.api.ScansApi;
import fr.officine.segur.lgo.api.SessionsApi;
import fr.officine.segur.lgo.model.Problem;
import fr.officine.segur.lgo.model.SessionRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java client an LGO generates from the module's OpenAPI document (openapi-generator, library
 * {@code native}, built by this module's pom from module/src/main/openapi/openapi.yaml), used as
 * generated: only its documented settings (base URI, a request interceptor for the bearer header,
 * which the {@code native} library leaves to the caller).
 */
public final class LgoClient {
  private final URL moduleBase;
  private final String bearer;
  private final ApiClient client;

  private LgoClient(URL moduleBase, String bearer, ApiClient client) {
    this.moduleBase = moduleBase;
    this.bearer = bearer;
    this.client = client;
  }

  /** Opens a session for a sandbox account (password = login) with the generated SessionsApi. */
  public static LgoClient login(URL moduleBase, String login) throws ApiException {
    ApiClient anonymous = base(moduleBase);
    String token =
        new SessionsApi(anonymous)
            .openSession(new SessionRequest().login(login).password(login))
            .getToken();
    String bearer = "Bearer " + token;
    ApiClient client = base(moduleBase);
    client.setRequestInterceptor(request -> request.header("Authorization", bearer));
    return new LgoClient(moduleBase, bearer, client);
  }

  /**
   * A picture scan. The generator takes only the first media type of a request body (text/plain for
   * the scan: a String parameter), so a picture is sent by the same generated call with its body
   * and type set by the client's request interceptor, the extension point it documents.
   */
  public ScansApi picture(byte[] image, String mediaType) {
    ApiClient pictures = base(moduleBase);
    pictures.setRequestInterceptor(
        request -> {
          request.setHeader("Authorization", bearer);
          request.setHeader("Content-Type", mediaType);
          request.method("POST", HttpRequest.BodyPublishers.ofByteArray(image));
        });
    return new ScansApi(pictures);
  }

  public ScansApi scans() {
    return new ScansApi(client);
  }

  public PrescriptionsApi prescriptions() {
    return new PrescriptionsApi(client);
  }

  public DispensationsApi dispensations() {
    return new DispensationsApi(client);
  }

  public SessionsApi sessions() {
    return new SessionsApi(client);
  }

  public ReconciliationsApi reconciliations() {
    return new ReconciliationsApi(client);
  }

  public AuditApi audit() {
    return new AuditApi(client);
  }

  public EventsApi events() {
    return new EventsApi(client);
  }

  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");

  /**
   * The {@code cursor} of the next page, read from the answer's {@code Link: <…>; rel="next"}
   * header as the document describes it; empty on the last page.
   */
  public static Optional<String> nextCursor(ApiResponse<?> page) {
    List<String> links = page.getHeaders().getOrDefault("Link", List.of());
    for (String link : links) {
      Matcher next = NEXT.matcher(link);
      if (next.find()) {
        String query = URI.create(next.group(1)).getRawQuery();
        for (String pair : query.split("&")) {
          if (pair.startsWith("cursor=")) {
            return Optional.of(
                URLDecoder.decode(pair.substring("cursor=".length()), StandardCharsets.UTF_8));
          }
        }
        throw new AssertionError("a next link without a cursor: " + link);
      }
    }
    return Optional.empty();
  }

  /** An error answer read as the document's Problem schema, with the client's own mapper. */
  public Problem problem(ApiException e) {
    return problem(e, Problem.class);
  }

  /**
   * An error answer read as the schema the document gives its status (DispensationProblem for a 503
   * delivery).
   */
  public <T> T problem(ApiException e, Class<T> schema) {
    try {
      return client.getObjectMapper().readValue(e.getResponseBody(), schema);
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
  }

  private static ApiClient base(URL moduleBase) {
    ApiClient client = new ApiClient();
    // the document's paths start at /api/v1: the base is the module's root
    client.updateBaseUri(moduleBase.toString().replaceAll("/$", ""));
    return client;
  }
}
