package fr.officine.segur.sandbox.admin;

import static fr.officine.segur.sandbox.admin.AdminResponses.json;
import static fr.officine.segur.sandbox.admin.AdminResponses.problem;
import static fr.officine.segur.sandbox.admin.AdminResponses.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.officine.segur.sandbox.documents.OrdonnanceRenderer;
import fr.officine.segur.sandbox.documents.QrCodes;
import fr.officine.segur.sandbox.eprescription.EpError;
import fr.officine.segur.sandbox.eprescription.EpException;
import fr.officine.segur.sandbox.eprescription.NewPrescription;
import fr.officine.segur.sandbox.eprescription.Prescription;
import fr.officine.segur.sandbox.eprescription.PrescriptionBase;
import fr.officine.segur.sandbox.eprescription.Product;
import fr.officine.segur.sandbox.faults.FaultMode;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.SandboxService;
import fr.officine.segur.sandbox.seed.SampleParties;
import fr.officine.segur.sandbox.seed.SampleProducts;
import fr.officine.segur.sandbox.seed.Seeder;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's admin REST API under /sandbox (shared/DESIGN.md, "Sandbox contract"): the
 * prescriber's tool (create, QR code, printable ordonnance), fault injection, and for demos and
 * tests a listing and a reset.
 */
public final class AdminApi implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(AdminApi.class.getName());
  private static final int MAX_BODY = 64 * 1024;
  private static final long MAX_LATENCY_MS = 120_000;
  private static final Pattern DOCUMENT =
      Pattern.compile("/sandbox/prescriptions/([^/]+)/(qr\\.png|ordonnance\\.pdf)");

  private final PrescriptionBase base;
  private final Seeder seeder;
  private final FaultModes faults;
  private final QrCodes qrCodes;
  private final OrdonnanceRenderer ordonnances;
  private final Runnable otherServicesReset;

  /**
   * @param otherServicesReset puts the other sandboxed services (the DMP) back to their seeds
   */
  public AdminApi(
      PrescriptionBase base,
      Seeder seeder,
      FaultModes faults,
      QrCodes qrCodes,
      OrdonnanceRenderer ordonnances,
      Runnable otherServicesReset) {
    this.base = base;
    this.seeder = seeder;
    this.faults = faults;
    this.qrCodes = qrCodes;
    this.ordonnances = ordonnances;
    this.otherServicesReset = otherServicesReset;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (BadRequest e) {
      problem(exchange, e.status, e.getMessage());
    } catch (EpException e) {
      int status = e.error() == EpError.EP_NUMERO_INCONNU ? 404 : 400;
      problem(exchange, status, e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "admin API failure on " + exchange.getRequestURI(), e);
      problem(exchange, 500, "Erreur interne du bac à sable.");
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    Matcher document = DOCUMENT.matcher(path);
    if (document.matches()) {
      requireMethod(method, "GET");
      Prescription p = base.consult(document.group(1));
      if (document.group(2).equals("qr.png")) {
        send(ex, 200, "image/png", qrCodes.png(p.number()));
      } else {
        send(ex, 200, "application/pdf", ordonnances.pdf(p));
      }
      return;
    }
    switch (path) {
      case "/sandbox/prescriptions", "/sandbox/prescriptions/" -> {
        if (method.equals("POST")) {
          createPrescription(ex);
        } else {
          requireMethod(method, "GET");
          listPrescriptions(ex);
        }
      }
      case "/sandbox/faults" -> {
        if (method.equals("POST")) {
          setFault(readObject(ex));
        } else {
          requireMethod(method, "GET");
        }
        json(ex, 200, faultsJson());
      }
      case "/sandbox/reset" -> {
        requireMethod(method, "POST");
        base.wipe();
        faults.resetAll();
        seeder.seedIfEmpty();
        otherServicesReset.run();
        json(
            ex,
            200,
            Json.createObjectBuilder()
                .add("reset", true)
                .add("prescriptions", base.all().size())
                .build());
      }
      case "/sandbox/health" -> {
        requireMethod(method, "GET");
        json(ex, 200, Json.createObjectBuilder().add("status", "up").build());
      }
      default -> throw new BadRequest(404, "Ressource inconnue du bac à sable : " + path);
    }
  }

  // ------------------------------------------------------------ prescriptions

  private void createPrescription(HttpExchange ex) throws IOException {
    JsonObject body = readObject(ex);
    LocalDate prescribedOn;
    try {
      prescribedOn =
          body.containsKey("prescribedOn")
              ? LocalDate.parse(string(body, "prescribedOn"))
              : base.today();
    } catch (DateTimeParseException e) {
      throw new BadRequest(400, "prescribedOn : date attendue au format AAAA-MM-JJ.");
    }
    List<NewPrescription.NewLine> lines = new ArrayList<>();
    if (body.containsKey("lines")) {
      JsonArray array = array(body, "lines");
      for (JsonValue value : array) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
          throw new BadRequest(400, "lines : chaque ligne est un objet JSON.");
        }
        lines.add(line(value.asJsonObject()));
      }
    } else {
      lines.add(line(JsonValue.EMPTY_JSON_OBJECT));
    }
    NewPrescription draft =
        new NewPrescription(
            optionalString(body, "prescriberRpps", SampleParties.DR_LEFEBVRE.rpps()),
            optionalString(body, "patientIns", SampleParties.ADRUN_ZOE.ins()),
            prescribedOn,
            lines);
    String number = base.create(draft);
    String link = "/sandbox/prescriptions/" + number;
    ex.getResponseHeaders().set("Location", link + "/ordonnance.pdf");
    json(
        ex,
        201,
        Json.createObjectBuilder()
            .add("number", number)
            .add("qr", link + "/qr.png")
            .add("ordonnance", link + "/ordonnance.pdf")
            .build());
  }

  private static NewPrescription.NewLine line(JsonObject l) {
    String lpp = optionalString(l, "lpp", null);
    if (lpp != null) {
      // A device of the LPP (e.g. an eye lubricant): prescribable, unknown to the base's products.
      return new NewPrescription.NewLine(
          Product.lpp(lpp, optionalString(l, "label", "Produit LPP " + lpp)),
          optionalString(l, "posology", null),
          optionalInt(l, "quantity", 1),
          optionalInt(l, "renewals", 0),
          optionalBoolean(l, "substitutable", false),
          false);
    }
    String cip13 = optionalString(l, "cip13", SampleProducts.DOLIPRANE_1000.code());
    String label =
        optionalString(
            l,
            "label",
            SampleProducts.byCip13(cip13).map(Product::label).orElse("Spécialité CIP " + cip13));
    return new NewPrescription.NewLine(
        Product.cip13(cip13, label),
        optionalString(l, "posology", null),
        optionalInt(l, "quantity", 1),
        optionalInt(l, "renewals", 0),
        optionalBoolean(l, "substitutable", true),
        optionalBoolean(l, "narcotic", false),
        optionalDays(l, "treatmentDays"),
        optionalDays(l, "fractionDays"));
  }

  private void listPrescriptions(HttpExchange ex) throws IOException {
    LocalDate today = base.today();
    ex.getResponseHeaders().set("Vary", "Accept");
    if (PrescriptionListPage.wanted(ex.getRequestHeaders().getFirst("Accept"))) {
      // a browser: a page a newcomer reads, with a link to each QR code and ordonnance
      send(ex, 200, "text/html; charset=utf-8", PrescriptionListPage.html(base.all(), today));
      return;
    }
    JsonArrayBuilder out = Json.createArrayBuilder();
    for (Prescription p : base.all()) {
      String link = "/sandbox/prescriptions/" + p.number();
      JsonObjectBuilder o =
          Json.createObjectBuilder()
              .add("number", p.number())
              .add("scenario", p.scenarioDescription().orElse("Créée par l'API du bac à sable."))
              .add("status", p.status(today).name())
              .add("prescribedOn", p.prescribedOn().toString())
              .add("patient", p.patient().birthName() + " " + p.patient().firstName())
              .add(
                  "prescriber",
                  "Dr " + p.prescriber().firstName() + " " + p.prescriber().lastName())
              .add("qr", link + "/qr.png")
              .add("ordonnance", link + "/ordonnance.pdf");
      out.add(o);
    }
    json(ex, 200, out.build());
  }

  // ------------------------------------------------------------ faults

  private void setFault(JsonObject body) {
    String serviceName = requiredString(body, "service");
    SandboxService service =
        SandboxService.fromWire(serviceName)
            .orElseThrow(
                () -> new BadRequest(400, "service : dmp, eprescription, insi, dp ou mssante."));
    FaultMode.Mode mode =
        FaultMode.Mode.fromWire(requiredString(body, "mode"))
            .orElseThrow(
                () ->
                    new BadRequest(
                        400, "mode : up, down, slow, error, lost-answer ou lost-request."));
    long latency = optionalInt(body, "latencyMs", mode == FaultMode.Mode.SLOW ? 2000 : 0);
    if (latency < 0 || latency > MAX_LATENCY_MS) {
      throw new BadRequest(400, "latencyMs : entre 0 et " + MAX_LATENCY_MS + ".");
    }
    faults.set(service, new FaultMode(mode, latency));
    LOG.log(
        System.Logger.Level.INFO,
        "fault mode of {0} set to {1} ({2} ms)",
        serviceName,
        mode,
        latency);
  }

  private JsonObject faultsJson() {
    JsonObjectBuilder out = Json.createObjectBuilder();
    for (Map.Entry<SandboxService, FaultMode> e : faults.snapshot().entrySet()) {
      out.add(
          e.getKey().wireName(),
          Json.createObjectBuilder()
              .add("mode", e.getValue().mode().wireName())
              .add("latencyMs", e.getValue().latencyMs()));
    }
    return out.build();
  }

  // ------------------------------------------------------------ JSON in

  private static JsonObject readObject(HttpExchange ex) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      throw new BadRequest(413, "Corps de requête trop volumineux.");
    }
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (var reader = Json.createReader(new ByteArrayInputStream(body))) {
      JsonStructure structure = reader.read();
      if (structure.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new BadRequest(400, "Un objet JSON est attendu.");
      }
      return structure.asJsonObject();
    } catch (JsonException e) {
      throw new BadRequest(400, "JSON illisible.");
    }
  }

  private static String requiredString(JsonObject o, String key) {
    if (!o.containsKey(key)) {
      throw new BadRequest(400, key + " : champ obligatoire.");
    }
    return string(o, key);
  }

  private static String optionalString(JsonObject o, String key, String fallback) {
    return o.containsKey(key) && !o.isNull(key) ? string(o, key) : fallback;
  }

  private static String string(JsonObject o, String key) {
    if (o.get(key) instanceof JsonString s) {
      return s.getString().strip();
    }
    throw new BadRequest(400, key + " : texte attendu.");
  }

  private static int optionalInt(JsonObject o, String key, int fallback) {
    if (!o.containsKey(key) || o.isNull(key)) {
      return fallback;
    }
    if (o.get(key) instanceof JsonNumber n && n.isIntegral()) {
      try {
        return n.intValueExact();
      } catch (ArithmeticException e) {
        throw new BadRequest(400, key + " : nombre hors limites.");
      }
    }
    throw new BadRequest(400, key + " : nombre entier attendu.");
  }

  /** A narcotic line's duration in days (1 to 366), null when not given. */
  private static Integer optionalDays(JsonObject o, String key) {
    if (!o.containsKey(key) || o.isNull(key)) {
      return null;
    }
    int days = optionalInt(o, key, 0);
    if (days < 1 || days > 366) {
      throw new BadRequest(400, key + " : nombre de jours entre 1 et 366 attendu.");
    }
    return days;
  }

  private static boolean optionalBoolean(JsonObject o, String key, boolean fallback) {
    if (!o.containsKey(key) || o.isNull(key)) {
      return fallback;
    }
    JsonValue v = o.get(key);
    if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
      return v == JsonValue.TRUE;
    }
    throw new BadRequest(400, key + " : true ou false attendu.");
  }

  private static JsonArray array(JsonObject o, String key) {
    if (o.get(key) instanceof JsonArray a) {
      return a;
    }
    throw new BadRequest(400, key + " : tableau attendu.");
  }

  // ------------------------------------------------------------ out

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw new BadRequest(405, "Méthode " + method + " non prise en charge ici.");
    }
  }

  /** A refusal of the admin API with its HTTP status. */
  private static final class BadRequest extends RuntimeException {
    private final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
