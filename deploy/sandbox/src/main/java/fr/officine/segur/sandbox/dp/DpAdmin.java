package fr.officine.segur.sandbox.dp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.officine.segur.sandbox.ids.Identifiers;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * {@code GET /sandbox/dp/dispensations?ins=…} (shared/DESIGN.md, "Sandbox contract"): every line
 * the DP holds for the patient, newest first, seeds included, one JSON object per product
 * delivered.
 */
final class DpAdmin implements HttpHandler {
  private final DpStore store;

  DpAdmin(DpStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      if (!"GET".equals(ex.getRequestMethod())
          || !"/sandbox/dp/dispensations".equals(ex.getRequestURI().getPath())) {
        send(
            ex,
            404,
            "application/problem+json",
            problem(
                404,
                "Ressource inconnue du bac à sable : "
                    + ex.getRequestMethod()
                    + " "
                    + ex.getRequestURI().getPath()));
        return;
      }
      String ins = ins(ex);
      if (ins == null || !Identifiers.isIns(ins)) {
        send(
            ex,
            400,
            "application/problem+json",
            problem(400, "ins : INS de 15 caractères attendu (matricule + clé)."));
        return;
      }
      JsonArrayBuilder out = Json.createArrayBuilder();
      for (DpLine l : store.history(ins, OffsetDateTime.parse("1900-01-01T00:00:00Z"))) {
        JsonObjectBuilder o =
            Json.createObjectBuilder()
                .add("dispensationId", l.dispensationId())
                .add("deliveredAt", l.deliveredAt().toString())
                .add(
                    "pharmacy",
                    Json.createObjectBuilder().add("finess", l.finess()).add("name", l.pharmacy()))
                .add("cip13", l.cip13())
                .add("label", l.label())
                .add("quantity", l.quantity());
        l.atc().ifPresent(a -> o.add("atc", a));
        l.lot().ifPresent(a -> o.add("lot", a));
        out.add(o);
      }
      send(ex, 200, "application/json", out.build().toString());
    } finally {
      ex.close();
    }
  }

  private static String ins(HttpExchange ex) {
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        if (pair.startsWith("ins=")) {
          return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  private static String problem(int status, String detail) {
    return Json.createObjectBuilder()
        .add("status", status)
        .add("title", status == 404 ? "Introuvable" : "Requête invalide")
        .add("detail", detail)
        .build()
        .toString();
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
