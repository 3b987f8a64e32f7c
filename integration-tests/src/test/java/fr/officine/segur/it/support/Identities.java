package fr.officine.segur.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The identity-qualification flow as a pharmacist runs it before the DMP may be fed (issue 4 §1):
 * the traits read on the identity document are sent to INSi through the module ({@code POST
 * /identity/insi}), then the INS INSi returned is qualified with the document checked ({@code POST
 * /identity/qualifications}). The sandbox patients are the published CNAM test identities.
 */
public final class Identities {
  private Identities() {}

  /** What the pharmacist reads on the patient's identity document. */
  public record Traits(
      String birthName, List<String> firstNames, String sex, String birthDate, String ins) {}

  public static final Traits ADRUN_ZOE =
      new Traits("ADRUN", List.of("ZOE"), "F", "1975-12-31", "275126322074974");

  /** Born in Corsica: the birth place (COG 2B020) is read from the document too. */
  public static final Traits CORSE_ANTHONY =
      new Traits("CORSE", List.of("ANTHONY"), "M", "1980-03-02", "180032B02040123");

  static final Map<String, String> BIRTH_PLACES = Map.of("CORSE", "2B020");
  public static final Traits ECETINSI_PIERRE_ALAIN =
      new Traits("ECETINSI", List.of("PIERRE-ALAIN"), "M", "2009-07-14", "109076322083489");
  public static final Traits NESSI_MICHELANGELO =
      new Traits("NESSI", List.of("MICHELANGELO"), "M", "2010-08-07", "110086322083060");
  public static final Traits TCHITCHI_CATARINA =
      new Traits("TCHITCHI", List.of("CATARINA"), "F", "1936-06-21", "236066322083656");

  /** INSi lookup then qualification with a passport whose traits match; returns the view. */
  public static JsonObject qualify(Counter counter, Traits t) {
    JsonArrayBuilder names = Json.createArrayBuilder();
    t.firstNames().forEach(names::add);
    var builder =
        Json.createObjectBuilder()
            .add("birthName", t.birthName())
            .add("firstNames", names)
            .add("sex", t.sex())
            .add("birthDate", t.birthDate());
    if (BIRTH_PLACES.containsKey(t.birthName())) {
      builder.add("birthPlace", BIRTH_PLACES.get(t.birthName()));
    }
    JsonObject traits = builder.build();
    Http.Reply found = post(counter, "/identity/insi", traits);
    if (found.status() != 200 || !"00".equals(found.json().getString("result"))) {
      throw new AssertionError("INSi did not find " + t.birthName() + ": " + found);
    }
    JsonObject ins = found.json().getJsonObject("ins");
    if (!t.ins().equals(ins.getString("matricule") + ins.getString("key"))) {
      throw new AssertionError("INSi returned another INS for " + t.birthName() + ": " + ins);
    }
    JsonObject qualification =
        Json.createObjectBuilder()
            .add("ins", ins)
            .add(
                "identityDocument",
                Json.createObjectBuilder().add("type", "PASSEPORT").add("checkedTraitsMatch", true))
            .build();
    Http.Reply qualified = post(counter, "/identity/qualifications", qualification);
    if (qualified.status() != 200) {
      throw new AssertionError("qualification of " + t.birthName() + " refused: " + qualified);
    }
    return qualified.json();
  }

  /**
   * Removes an identity from the module's repository (H2 opened beside Payara, AUTO_SERVER): the
   * module's data directory outlives a run and several tests qualify the same published identities,
   * so a test about a patient never qualified starts from one this module has never seen.
   */
  public static void forget(String matricule) throws SQLException {
    String dir = System.getProperty("module.dataDir");
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + dir + "/module/segur;AUTO_SERVER=TRUE", "sa", "");
        PreparedStatement ps =
            c.prepareStatement("DELETE FROM patient_identity WHERE matricule = ?")) {
      ps.setString(1, matricule);
      ps.executeUpdate();
    }
  }

  private static Http.Reply post(Counter counter, String path, JsonObject body) {
    return counter.send(
        "POST",
        path,
        Map.of(),
        "application/json",
        body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
