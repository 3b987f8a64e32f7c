package fr.officine.segur.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's admin API (▣ contract in shared/DESIGN.md), as a prescriber or a tester uses it.
 */
public final class SandboxAdmin {
  private final String baseUrl;
  private final Http http = new Http();

  public SandboxAdmin(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** One prescribed line, quantities in boxes. */
  public record Line(
      String cip13,
      String label,
      int quantity,
      int renewals,
      boolean substitutable,
      boolean narcotic,
      String lpp,
      Integer treatmentDays,
      Integer fractionDays) {
    public Line(
        String cip13,
        String label,
        int quantity,
        int renewals,
        boolean substitutable,
        boolean narcotic) {
      this(cip13, label, quantity, renewals, substitutable, narcotic, null, null, null);
    }

    public Line(
        String cip13,
        String label,
        int quantity,
        int renewals,
        boolean substitutable,
        boolean narcotic,
        String lpp) {
      this(cip13, label, quantity, renewals, substitutable, narcotic, lpp, null, null);
    }

    /**
     * A narcotic (stupéfiant) with its treatment duration and, when ordered, its fraction (days).
     */
    public static Line narcotic(
        String cip13, String label, int quantity, int treatmentDays, Integer fractionDays) {
      return new Line(cip13, label, quantity, 0, true, true, null, treatmentDays, fractionDays);
    }

    public static Line of(String cip13, String label, int quantity) {
      return new Line(cip13, label, quantity, 0, true, false);
    }

    /**
     * A device of the LPP (7-digit code): the base prescribes it but refuses any execution on it.
     */
    public static Line lpp(String code, String label, int quantity) {
      return new Line(null, label, quantity, 0, false, false, code);
    }
  }

  /** Creates a prescription as a prescriber's software would; returns its number. */
  public String createPrescription(LocalDate prescribedOn, List<Line> lines) {
    return createPrescription(null, prescribedOn, lines);
  }

  /** As above, for one of the seeded patients (SEEDS.md), by INS; null = the sandbox's default. */
  public String createPrescription(String patientIns, LocalDate prescribedOn, List<Line> lines) {
    return createPrescription(patientIns, null, prescribedOn, lines);
  }

  /** As above, written by one of the seeded prescribers (SEEDS.md), by RPPS; null = Dr LEFEBVRE. */
  public String createPrescription(
      String patientIns, String prescriberRpps, LocalDate prescribedOn, List<Line> lines) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Line line : lines) {
      var item =
          (line.lpp() != null
                  ? Json.createObjectBuilder().add("lpp", line.lpp())
                  : Json.createObjectBuilder().add("cip13", line.cip13()))
              .add("label", line.label())
              .add("quantity", line.quantity())
              .add("renewals", line.renewals())
              .add("substitutable", line.substitutable())
              .add("narcotic", line.narcotic());
      if (line.treatmentDays() != null) {
        item.add("treatmentDays", line.treatmentDays());
      }
      if (line.fractionDays() != null) {
        item.add("fractionDays", line.fractionDays());
      }
      array.add(item);
    }
    var body = Json.createObjectBuilder().add("lines", array);
    if (prescribedOn != null) {
      body.add("prescribedOn", prescribedOn.toString());
    }
    if (patientIns != null) {
      body.add("patientIns", patientIns);
    }
    if (prescriberRpps != null) {
      body.add("prescriberRpps", prescriberRpps);
    }
    Http.Reply reply = post("/sandbox/prescriptions", body.build());
    if (reply.status() != 201) {
      throw new IllegalStateException("sandbox refused the prescription: " + reply);
    }
    return reply.json().getString("number");
  }

  public String createPrescription(List<Line> lines) {
    return createPrescription(null, lines);
  }

  public byte[] qrPng(String number) {
    return get("/sandbox/prescriptions/" + number + "/qr.png").body();
  }

  /** mode: up, down, slow, error. */
  public void fault(String service, String mode, int latencyMs) {
    Http.Reply reply =
        post(
            "/sandbox/faults",
            Json.createObjectBuilder()
                .add("service", service)
                .add("mode", mode)
                .add("latencyMs", latencyMs)
                .build());
    if (reply.status() / 100 != 2) {
      throw new IllegalStateException("sandbox refused the fault: " + reply);
    }
  }

  public Http.Reply get(String path) {
    return http.send("GET", URI.create(baseUrl + path), Map.of(), null, null);
  }

  private Http.Reply post(String path, JsonObject body) {
    return http.send(
        "POST",
        URI.create(baseUrl + path),
        Map.of(),
        "application/json",
        body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
