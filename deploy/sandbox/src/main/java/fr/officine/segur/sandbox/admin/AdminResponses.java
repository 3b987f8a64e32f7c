package fr.officine.segur.sandbox.admin;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** How every /sandbox handler answers: a body with its type, JSON, or a problem in French. */
public final class AdminResponses {
  private AdminResponses() {}

  /** {@code application/problem+json {"status","title","detail"}}. */
  public static void problem(HttpExchange ex, int status, String detail) throws IOException {
    String body =
        Json.createObjectBuilder()
            .add("status", status)
            .add(
                "title",
                status == 404 ? "Introuvable" : status >= 500 ? "Erreur" : "Requête invalide")
            .add("detail", detail)
            .build()
            .toString();
    send(ex, status, "application/problem+json", body.getBytes(StandardCharsets.UTF_8));
  }

  public static void json(HttpExchange ex, int status, JsonStructure body) throws IOException {
    send(ex, status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
