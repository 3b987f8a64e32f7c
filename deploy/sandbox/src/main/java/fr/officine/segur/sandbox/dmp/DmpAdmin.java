package fr.officine.segur.sandbox.dmp;

import static fr.officine.segur.sandbox.admin.AdminResponses.json;
import static fr.officine.segur.sandbox.admin.AdminResponses.problem;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.officine.segur.sandbox.ids.Identifiers;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * /sandbox/dmp (shared/DESIGN.md, "Sandbox contract"): {@code GET /sandbox/dmp/documents?ins=…},
 * what the DMP holds for a patient (every document, masked ones included, flagged), and {@code GET
 * /sandbox/dmp/patients}, the seeded DMP statuses (extension, for demos), and {@code GET
 * /sandbox/dmp/status-queries?ins=…}, the TD0.2 queries received for that INS (extension, for
 * tests).
 */
public final class DmpAdmin implements HttpHandler {
  private final DmpStore store;

  public DmpAdmin(DmpStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      if (!"GET".equals(ex.getRequestMethod())) {
        problem(ex, 405, "Méthode " + ex.getRequestMethod() + " non prise en charge ici.");
        return;
      }
      switch (ex.getRequestURI().getPath()) {
        case "/sandbox/dmp/documents" -> documents(ex);
        case "/sandbox/dmp/patients" -> patients(ex);
        case "/sandbox/dmp/status-queries" -> statusQueries(ex);
        case "/sandbox/dmp/submissions" -> submissions(ex);
        default ->
            problem(ex, 404, "Ressource inconnue du bac à sable : " + ex.getRequestURI().getPath());
      }
    } finally {
      ex.close();
    }
  }

  private void documents(HttpExchange ex) throws IOException {
    Optional<String> ins = query(ex, "ins");
    if (ins.isEmpty() || !Identifiers.isIns(ins.get())) {
      problem(ex, 400, "ins : INS de 15 caractères attendu (matricule + clé).");
      return;
    }
    JsonArrayBuilder out = Json.createArrayBuilder();
    for (DmpDocument d : store.documents(ins.get())) {
      JsonObjectBuilder o =
          Json.createObjectBuilder()
              .add("uniqueId", d.uniqueId())
              .add("entryUUID", d.entryUuid())
              .add("patientId", d.patientId())
              .add("classCode", d.classCode())
              .add("typeCode", d.typeCode())
              .add("formatCode", d.formatCode())
              .add("confidentialityCode", d.confidentiality())
              .add("hiddenFromProfessionals", d.hiddenFromProfessionals())
              .add("submissionTime", d.submissionTime())
              .add("title", d.title() == null ? "" : d.title())
              .add("mimeType", d.mimeType())
              .add("size", d.size())
              .add("hash", d.hash())
              .add("author", d.author())
              .add("submissionSetUniqueId", d.submissionSetUniqueId());
      if (d.creationTime() != null) {
        o.add("creationTime", d.creationTime());
      }
      d.authenticationMode().ifPresent(m -> o.add("authenticationMode", m));
      out.add(o);
    }
    json(ex, 200, out.build());
  }

  private void statusQueries(HttpExchange ex) throws IOException {
    Optional<String> ins = query(ex, "ins");
    if (ins.isEmpty() || !Identifiers.isIns(ins.get())) {
      problem(ex, 400, "ins : INS de 15 caractères attendu (matricule + clé).");
      return;
    }
    JsonArrayBuilder out = Json.createArrayBuilder();
    for (DmpStore.StatusQuery q : store.statusQueries(ins.get())) {
      out.add(
          Json.createObjectBuilder()
              .add("ins", q.ins())
              .add("psId", q.psId())
              .add("authenticationMode", q.authenticationMode())
              .add("at", q.at().toString()));
    }
    json(ex, 200, out.build());
  }

  /** The ITI-41 requests received for a patient, accepted or not (how many full uploads). */
  private void submissions(HttpExchange ex) throws IOException {
    Optional<String> ins = query(ex, "ins");
    if (ins.isEmpty() || !Identifiers.isIns(ins.get())) {
      problem(ex, 400, "ins : INS de 15 caractères attendu (matricule + clé).");
      return;
    }
    JsonArrayBuilder out = Json.createArrayBuilder();
    for (DmpStore.Submission s : store.submissions(ins.get())) {
      out.add(Json.createObjectBuilder().add("ins", s.ins()).add("at", s.at().toString()));
    }
    json(ex, 200, out.build());
  }

  private void patients(HttpExchange ex) throws IOException {
    JsonArrayBuilder out = Json.createArrayBuilder();
    for (DmpPatient p : store.patients()) {
      JsonObjectBuilder o =
          Json.createObjectBuilder()
              .add("ins", p.ins())
              .add("patient", p.lastName() + " " + p.firstName())
              .add("status", p.status().name())
              .add("opposedToFeeding", p.opposedToFeeding())
              .add(
                  "blockedRpps",
                  Json.createArrayBuilder(p.blockedRpps().stream().sorted().toList()))
              .add("scenario", p.scenario());
      p.closedOn().ifPresent(d -> o.add("closedOn", d.toString()));
      p.closingReason().ifPresent(r -> o.add("closingReason", r));
      out.add(o);
    }
    json(ex, 200, out.build());
  }

  private static Optional<String> query(HttpExchange ex, String name) {
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null) {
      return Optional.empty();
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }
}
