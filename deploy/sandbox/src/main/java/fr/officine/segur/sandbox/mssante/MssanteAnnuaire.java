package fr.officine.segur.sandbox.mssante;

import static fr.officine.segur.sandbox.admin.AdminResponses.json;
import static fr.officine.segur.sandbox.admin.AdminResponses.problem;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /mssante/annuaire?rpps=<RPPS>} or {@code ?finess=<FINESS>}: the MSSanté mailboxes of a
 * professional or a structure, {@code {"mailboxes":[{"address","type","holder":{…}}]}} (empty when
 * the directory knows none). A stand-in, in our own JSON, for the national directory's search
 * (Annuaire Santé, whose MSSanté mailboxes are published with their holder's RPPS/FINESS and their
 * type PER/ORG/APP); served on both listeners, like the services.
 */
public final class MssanteAnnuaire implements HttpHandler {
  public static final String PATH = "/mssante/annuaire";

  private final MssanteDirectory directory;

  public MssanteAnnuaire(MssanteDirectory directory) {
    this.directory = directory;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      if (!"GET".equals(ex.getRequestMethod()) || !PATH.equals(ex.getRequestURI().getPath())) {
        problem(
            ex,
            404,
            "Ressource inconnue : " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
        return;
      }
      Optional<String> rpps = MssanteAdmin.query(ex, "rpps");
      Optional<String> finess = MssanteAdmin.query(ex, "finess");
      List<MssanteDirectory.Mailbox> found;
      if (rpps.isPresent() && rpps.get().matches("\\d{11}")) {
        found = directory.of("RPPS", rpps.get());
      } else if (finess.isPresent() && finess.get().matches("\\d{9}")) {
        found = directory.of("FINESS", finess.get());
      } else {
        problem(ex, 400, "rpps (11 chiffres) ou finess (9 chiffres) attendu.");
        return;
      }
      JsonArrayBuilder out = Json.createArrayBuilder();
      found.forEach(m -> out.add(mailbox(m)));
      json(ex, 200, Json.createObjectBuilder().add("mailboxes", out).build());
    } finally {
      ex.close();
    }
  }

  static JsonObject mailbox(MssanteDirectory.Mailbox m) {
    return Json.createObjectBuilder()
        .add("address", m.address())
        .add("type", m.type())
        .add(
            "holder",
            Json.createObjectBuilder()
                .add("kind", m.holderKind())
                .add("id", m.holderId())
                .add("name", m.holderName()))
        .build();
  }
}
