package fr.officine.segur.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One counter (poste) of a pharmacy talking to the module's REST API as the LGO or the counter page
 * does: a session opened with a login, then bearer-authenticated calls.
 */
public final class Counter {
  private final String api;
  private final Http http = new Http();
  private final String token;

  private Counter(String api, String token) {
    this.api = api;
    this.token = token;
  }

  /** Opens a session for one of the seeded sandbox accounts (password = login). */
  public static Counter login(URL moduleBase, String login) {
    String api = moduleBase.toString().replaceAll("/$", "") + "/api/v1";
    Http.Reply reply = openSession(api, login, login);
    if (reply.status() != 201) {
      throw new IllegalStateException("cannot open a session for " + login + ": " + reply);
    }
    return new Counter(api, reply.json().getString("token"));
  }

  /** A counter on a session opened otherwise (e.g. with a CPS card), by its bearer token. */
  public static Counter withToken(URL moduleBase, String token) {
    return new Counter(moduleBase.toString().replaceAll("/$", "") + "/api/v1", token);
  }

  public static Http.Reply openSession(String api, String login, String password) {
    JsonObject body =
        Json.createObjectBuilder().add("login", login).add("password", password).build();
    return new Http()
        .send(
            "POST",
            URI.create(api + "/sessions"),
            Map.of(),
            "application/json",
            utf8(body.toString()));
  }

  /** The session's bearer token (for requests written by hand, see {@link RawHttp}). */
  public String token() {
    return token;
  }

  public Http.Reply scanText(String typed) {
    return send("POST", "/scans", Map.of(), "text/plain; charset=UTF-8", utf8(typed));
  }

  public Http.Reply scanImage(byte[] image, String mediaType) {
    return send("POST", "/scans", Map.of(), mediaType, image);
  }

  public Http.Reply consult(String number) {
    return send("GET", "/prescriptions/" + number, Map.of(), null, null);
  }

  public Http.Reply dispense(String number, String idempotencyKey, JsonObject body) {
    Map<String, String> headers = new HashMap<>();
    if (idempotencyKey != null) {
      headers.put("Idempotency-Key", idempotencyKey);
    }
    return send(
        "POST",
        "/prescriptions/" + number + "/dispensations",
        headers,
        "application/json",
        utf8(body.toString()));
  }

  public Http.Reply dispensation(String id) {
    return send("GET", "/dispensations/" + id, Map.of(), null, null);
  }

  public Http.Reply send(
      String method, String path, Map<String, String> headers, String contentType, byte[] body) {
    Map<String, String> all = new HashMap<>(headers);
    all.put("Authorization", "Bearer " + token);
    return http.send(method, URI.create(api + path), all, contentType, body);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
