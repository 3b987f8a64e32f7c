package fr.officine.segur.sandbox.mssante;

import static fr.officine.segur.sandbox.admin.AdminResponses.json;
import static fr.officine.segur.sandbox.admin.AdminResponses.problem;
import static fr.officine.segur.sandbox.admin.AdminResponses.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's admin API (shared/DESIGN.md, "Sandbox contract"), for tests and demos:
 *
 * <ul>
 *   <li>{@code GET /sandbox/mssante/messages[?to=<address>]}: what was delivered, oldest first, a
 *       JSON array with {@code from}, {@code to}, {@code subject}, {@code receivedAt}, {@code
 *       attachments[]} ({@code name}, {@code contentType}, {@code size}, and {@code href} to read
 *       it), plus {@code id}, {@code messageId} and the {@code X-MSS-*} {@code headers};
 *   <li>{@code GET /sandbox/mssante/messages/{id}/attachments/{name}}: an attachment's bytes;
 *   <li>{@code GET /sandbox/mssante/directory}: the directory's mailboxes.
 * </ul>
 */
public final class MssanteAdmin implements HttpHandler {
  public static final String PATH = "/sandbox/mssante";
  private static final Pattern ATTACHMENT =
      Pattern.compile(PATH + "/messages/([^/]+)/attachments/([^/]+)");

  private final Mailboxes mailboxes;
  private final MssanteDirectory directory;

  public MssanteAdmin(Mailboxes mailboxes, MssanteDirectory directory) {
    this.mailboxes = mailboxes;
    this.directory = directory;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      if (!"GET".equals(ex.getRequestMethod())) {
        problem(ex, 405, "Méthode non permise : " + ex.getRequestMethod());
        return;
      }
      Matcher attachment = ATTACHMENT.matcher(path);
      if (attachment.matches()) {
        attachment(ex, attachment.group(1), attachment.group(2));
      } else if (path.equals(PATH + "/messages")) {
        json(ex, 200, messages(query(ex, "to")));
      } else if (path.equals(PATH + "/directory")) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        directory.all().forEach(m -> out.add(MssanteAnnuaire.mailbox(m)));
        json(ex, 200, out.build());
      } else {
        problem(ex, 404, "Ressource inconnue du bac à sable : " + path);
      }
    } finally {
      ex.close();
    }
  }

  private jakarta.json.JsonArray messages(Optional<String> to) {
    JsonArrayBuilder out = Json.createArrayBuilder();
    for (ReceivedMessage m : mailboxes.list(to)) {
      JsonArrayBuilder attachments = Json.createArrayBuilder();
      for (ReceivedMessage.Attachment a : m.attachments()) {
        attachments.add(
            Json.createObjectBuilder()
                .add("name", a.name())
                .add("contentType", a.contentType())
                .add("size", a.size())
                .add(
                    "href",
                    PATH
                        + "/messages/"
                        + m.id()
                        + "/attachments/"
                        + URLEncoder.encode(a.name(), StandardCharsets.UTF_8).replace("+", "%20")));
      }
      JsonObjectBuilder headers = Json.createObjectBuilder();
      for (Map.Entry<String, List<String>> h : m.headers().entrySet()) {
        headers.add(h.getKey(), Json.createArrayBuilder(h.getValue()));
      }
      out.add(
          Json.createObjectBuilder()
              .add("id", m.id())
              .add("from", m.from())
              .add("to", m.to())
              .add("subject", m.subject())
              .add("receivedAt", m.receivedAt().toString())
              .add("messageId", m.messageId())
              .add("headers", headers)
              .add("body", m.body())
              .add("attachments", attachments));
    }
    return out.build();
  }

  private void attachment(HttpExchange ex, String id, String rawName) throws IOException {
    String name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
    Optional<ReceivedMessage.Attachment> found =
        mailboxes
            .find(id)
            .flatMap(m -> m.attachments().stream().filter(a -> a.name().equals(name)).findFirst());
    if (found.isEmpty()) {
      problem(ex, 404, "Pièce jointe inconnue : " + id + "/" + name);
      return;
    }
    send(ex, 200, found.get().contentType(), found.get().content());
  }

  static Optional<String> query(HttpExchange ex, String name) {
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        if (pair.startsWith(name + "=")) {
          return Optional.of(
              URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return Optional.empty();
  }
}
