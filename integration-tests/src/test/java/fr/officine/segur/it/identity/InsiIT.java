package fr.officine.segur.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.ModuleWar;
import fr.officine.segur.it.support.PreviousModuleGone;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxExtension;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * INS and INSi end to end: the module in Payara Micro queries the sandbox INSi (the public ICIR
 * WSDL, SOAP 1.2, real port) with the practice's strategy, for every published CNAM test identity,
 * and a pharmacist qualifies an identity after checking the document.
 */
@ExtendWith({SandboxExtension.class, PreviousModuleGone.class, ArquillianExtension.class})
@RunAsClient
class InsiIT {
  @Deployment(testable = false)
  static WebArchive module() {
    return ModuleWar.fromBuild();
  }

  @ArquillianResource URL base;

  @AfterEach
  void insiBackUp(SandboxAdmin sandbox) {
    sandbox.fault("insi", "up", 0);
  }

  record Published(
      String name,
      List<String> firstNames,
      String sex,
      String birthDate,
      String birthPlace,
      String matricule,
      String key,
      List<String> list,
      int queries) {}

  @Test
  void every_published_cnam_test_identity_is_found_through_the_module_with_its_ins_and_traits() {
    Counter titulaire = Counter.login(base, "titulaire");
    List<Published> published =
        List.of(
            new Published(
                "Adrun",
                List.of("Zoé"),
                "F",
                "1975-12-31",
                null,
                "2751263220749",
                "74",
                List.of("ZOE"),
                1),
            new Published(
                "CORSE",
                List.of("ANTHONY"),
                "M",
                "1980-03-02",
                "2B020",
                "180032B020401",
                "23",
                List.of("ANTHONY"),
                1),
            new Published(
                "ECETINSI",
                List.of("PIERRE-ALAIN", "MURIEL", "FLORIANT"),
                "M",
                "2009-07-14",
                null,
                "1090763220834",
                "89",
                List.of("PIERRE-ALAIN", "MURIEL", "FLORIANT"),
                1),
            new Published(
                "HERMANN",
                List.of("GATIEN"),
                "M",
                "1981-03-24",
                null,
                "1810363220456",
                "60",
                List.of("GATIEN"),
                1),
            new Published(
                "NESSI",
                List.of("MICHELANGELO", "ANTHONY"),
                "M",
                "2010-08-07",
                null,
                "1100863220830",
                "60",
                List.of("MICHELANGELO", "ANTHONY"),
                1),
            // OLA answers 01, then CATARINA 00: the second query ends the lookup
            new Published(
                "TCHITCHI",
                List.of("OLA", "CATARINA"),
                "F",
                "1936-06-21",
                null,
                "2360663220836",
                "56",
                List.of("CATARINA", "BELLA"),
                2));

    for (Published p : published) {
      Http.Reply reply =
          lookup(titulaire, p.name(), p.firstNames(), p.sex(), p.birthDate(), p.birthPlace());
      assertThat(reply.status()).as(p.name() + " " + reply).isEqualTo(200);
      JsonObject json = reply.json();
      assertThat(json.getString("result")).as(p.name()).isEqualTo("00");
      assertThat(json.getInt("queries")).as(p.name()).isEqualTo(p.queries());
      JsonObject ins = json.getJsonObject("ins");
      assertThat(ins.getString("matricule")).as(p.name()).isEqualTo(p.matricule());
      assertThat(ins.getString("key")).as(p.name()).isEqualTo(p.key());
      assertThat(ins.getString("oid")).isEqualTo("1.2.250.1.213.1.4.8");
      JsonObject traits = json.getJsonObject("traits");
      assertThat(traits.getString("birthName")).isEqualTo(p.name().toUpperCase());
      assertThat(traits.getJsonArray("firstNames").getValuesAs(jakarta.json.JsonString::getString))
          .as(p.name())
          .isEqualTo(p.list());
      assertThat(traits.getString("firstName")).isEqualTo(p.list().get(0));
      assertThat(traits.getString("sex")).isEqualTo(p.sex());
      assertThat(traits.getString("birthDate")).isEqualTo(p.birthDate());
      assertThat(traits.getString("birthPlace"))
          .isEqualTo(p.name().equals("CORSE") ? "2B020" : "63220");
    }
  }

  @Test
  void houilles_is_not_found_after_each_first_name_and_the_list_and_gets_no_ins() {
    Http.Reply reply =
        lookup(
            Counter.login(base, "adjoint"),
            "HOUILLES",
            List.of("PIERRE", "PAUL", "JACQUES"),
            "M",
            "1993-01-27",
            null);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().getString("result")).isEqualTo("01");
    assertThat(reply.json().getInt("queries")).isEqualTo(4);
    assertThat(reply.json().getString("message")).startsWith("Aucune identité trouvée");
    assertThat(reply.json()).doesNotContainKeys("ins", "traits");
  }

  @Test
  void homonyms_answer_02_and_the_birth_place_tells_them_apart() {
    Counter preparateur = Counter.login(base, "preparateur");
    Http.Reply several =
        lookup(preparateur, "HOMONYME", List.of("CAMILLE"), "F", "1985-05-15", null);
    assertThat(several.json().getString("result")).as(several.toString()).isEqualTo("02");
    assertThat(several.json().getString("message")).contains("lieu de naissance");
    assertThat(several.json()).doesNotContainKeys("ins", "traits");

    Http.Reply one =
        lookup(preparateur, "HOMONYME", List.of("CAMILLE"), "F", "1985-05-15", "69123");
    assertThat(one.json().getString("result")).isEqualTo("00");
    assertThat(one.json().getJsonObject("ins").getString("matricule")).isEqualTo("2850569123001");
  }

  @Test
  void names_insi_would_refuse_are_a_422_before_any_call() {
    Counter titulaire = Counter.login(base, "titulaire");
    Http.Reply reply = lookup(titulaire, "DUPONT3", List.of("ZOE"), "F", "1975-12-31", null);
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.problemCode()).isEqualTo("IDENTITY_TRAITS_INVALID");
    assertThat(reply.json().getString("detail")).contains("DUPONT3");
  }

  @Test
  void insi_down_or_failing_is_a_503_problem_not_an_answer(SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    sandbox.fault("insi", "down", 0);
    Http.Reply down = lookup(titulaire, "ADRUN", List.of("ZOE"), "F", "1975-12-31", null);
    assertThat(down.status()).as(down.toString()).isEqualTo(503);
    assertThat(down.problemCode()).isEqualTo("INSI_UNAVAILABLE");
    assertThat(down.contentType()).startsWith("application/problem+json");

    sandbox.fault("insi", "error", 0);
    Http.Reply error = lookup(titulaire, "ADRUN", List.of("ZOE"), "F", "1975-12-31", null);
    assertThat(error.status()).as(error.toString()).isEqualTo(503);
    assertThat(error.problemCode()).isEqualTo("INSI_UNAVAILABLE");

    sandbox.fault("insi", "up", 0);
    assertThat(
            lookup(titulaire, "ADRUN", List.of("ZOE"), "F", "1975-12-31", null)
                .json()
                .getString("result"))
        .isEqualTo("00");
  }

  @Test
  void an_identity_is_qualified_only_after_insi_00_and_a_checked_high_trust_document() {
    OffsetDateTime start = OffsetDateTime.now().minusSeconds(5);
    Counter titulaire = Counter.login(base, "titulaire");
    JsonObject louise =
        Json.createObjectBuilder()
            .add("matricule", "2850563113002")
            .add("key", "34")
            .add("oid", "1.2.250.1.213.1.4.8")
            .build();

    // an INS never retrieved through INSi here: provisional, and nothing to qualify
    Ins neverSeen = randomIns();
    Http.Reply unknown =
        titulaire.send("GET", "/identity/patients/" + neverSeen.number(), Map.of(), null, null);
    assertThat(unknown.json().getString("status")).as(unknown.toString()).isEqualTo("PROVISOIRE");
    JsonObject neverSeenView =
        Json.createObjectBuilder()
            .add("matricule", neverSeen.matricule())
            .add("key", neverSeen.key())
            .add("oid", "1.2.250.1.213.1.4.8")
            .build();
    Http.Reply notRetrieved = qualify(titulaire, neverSeenView, "CNI", true);
    assertThat(notRetrieved.status()).as(notRetrieved.toString()).isEqualTo(409);
    assertThat(notRetrieved.problemCode()).isEqualTo("IDENTITY_NOT_RETRIEVED");

    Http.Reply found =
        lookup(titulaire, "HOMONYME", List.of("CAMILLE", "LOUISE"), "F", "1985-05-15", null);
    assertThat(found.json().getJsonObject("ins").getString("matricule")).isEqualTo("2850563113002");
    // RECUPEREE on a fresh data directory; QUALIFIEE when a previous run on the same directory
    // qualified it and INSi confirms the very same traits
    String before = status(titulaire, "285056311300234");
    assertThat(before).isIn("RECUPEREE", "QUALIFIEE");

    Http.Reply vitale = qualify(titulaire, louise, "CARTE_VITALE", true);
    assertThat(vitale.status()).as(vitale.toString()).isEqualTo(422);
    assertThat(vitale.problemCode()).isEqualTo("IDENTITY_DOCUMENT_REFUSED");
    Http.Reply mismatch = qualify(titulaire, louise, "CNI", false);
    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(status(titulaire, "285056311300234")).isEqualTo(before);

    Http.Reply qualified = qualify(titulaire, louise, "PASSEPORT", true);
    assertThat(qualified.status()).as(qualified.toString()).isEqualTo(200);
    JsonObject view =
        titulaire.send("GET", "/identity/patients/285056311300234", Map.of(), null, null).json();
    assertThat(view.getString("status")).isEqualTo("QUALIFIEE");
    assertThat(view.getString("qualifiedBy")).isEqualTo("Claire MARTIN");
    assertThat(view.getString("identityDocument")).isEqualTo("PASSEPORT");
    assertThat(OffsetDateTime.parse(view.getString("qualifiedAt"))).isAfter(start);
    assertThat(view.getJsonObject("traits").getString("birthPlace")).isEqualTo("63113");
  }

  @Test
  void without_a_session_every_identity_call_is_401() {
    Http http = new Http();
    String api = base.toString().replaceAll("/$", "") + "/api/v1";
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    for (Http.Reply r :
        List.of(
            http.send(
                "POST", URI.create(api + "/identity/insi"), Map.of(), "application/json", body),
            http.send(
                "POST",
                URI.create(api + "/identity/qualifications"),
                Map.of(),
                "application/json",
                body),
            http.send(
                "GET",
                URI.create(api + "/identity/patients/275126322074974"),
                Map.of(),
                null,
                null))) {
      assertThat(r.status()).as(r.toString()).isEqualTo(401);
      assertThat(r.problemCode()).isEqualTo("UNAUTHENTICATED");
    }
  }

  // ------------------------------------------------------------------ helpers

  static Http.Reply lookup(
      Counter counter,
      String name,
      List<String> firstNames,
      String sex,
      String birthDate,
      String cog) {
    JsonArrayBuilder names = Json.createArrayBuilder();
    firstNames.forEach(names::add);
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("birthName", name)
            .add("firstNames", names)
            .add("sex", sex)
            .add("birthDate", birthDate);
    if (cog != null) {
      body.add("birthPlace", cog);
    }
    return counter.send(
        "POST",
        "/identity/insi",
        Map.of(),
        "application/json",
        body.build().toString().getBytes(StandardCharsets.UTF_8));
  }

  static Http.Reply qualify(Counter counter, JsonObject ins, String document, boolean match) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("ins", ins)
            .add(
                "identityDocument",
                Json.createObjectBuilder().add("type", document).add("checkedTraitsMatch", match))
            .build();
    return counter.send(
        "POST",
        "/identity/qualifications",
        Map.of(),
        "application/json",
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String status(Counter counter, String ins) {
    Http.Reply r = counter.send("GET", "/identity/patients/" + ins, Map.of(), null, null);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getString("status");
  }

  /** A valid INS (key consistent) in a range no seed uses: born abroad (99), year 1900. */
  static Ins randomIns() {
    String matricule =
        "10001991" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
    return Ins.parse(matricule + Ins.keyOf(matricule));
  }
}
