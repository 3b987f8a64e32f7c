package fr.officine.segur.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A thin HTTP/JSON client over java.net.http for the tests: real sockets, no framework. */
public final class Http {
  /**
   * How long a test waits for one answer before calling it lost. Patient on purpose: no test
   * measures speed (issue 11 §10), and on a busy 2-core machine (busy run 4, load 42) the first
   * login after a deployment — cold JIT, 210,000 PBKDF2 iterations — took more than 30 s.
   */
  static final Duration ANSWER = Duration.ofSeconds(120);

  private final HttpClient client;

  public Http() {
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  }

  /** Over https, trusting what {@code tls} trusts (hostname verification on). */
  public Http(javax.net.ssl.SSLContext tls) {
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).sslContext(tls).build();
  }

  public Reply send(
      String method, URI uri, Map<String, String> headers, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(ANSWER)
            .header("Accept", "application/json, application/problem+json, */*");
    headers.forEach(request::header);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response: status, headers, raw body, and the body as JSON when it is JSON. */
  public record Reply(int status, Map<String, java.util.List<String>> headers, byte[] body) {
    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    public JsonObject json() {
      return (JsonObject) structure();
    }

    public JsonStructure structure() {
      try (var reader = Json.createReader(new StringReader(text()))) {
        return reader.read();
      }
    }

    public String contentType() {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase("content-type"))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse("");
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }

    /** The problem's {@code code} (catalogue constant) when the body is a problem. */
    public String problemCode() {
      JsonValue code = json().get("code");
      return code == null ? null : json().getString("code");
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }
}
