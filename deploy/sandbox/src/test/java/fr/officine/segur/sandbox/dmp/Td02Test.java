package fr.officine.segur.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.SandboxClient;
import jakarta.json.JsonArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** TD0.2 on /dmp/patients for each seeded patient (SEEDS.md). */
class Td02Test extends DmpSandboxTest {

  private record Td02(
      String ack, String queryResponse, Map<String, String> attention, Element payload) {}

  private Td02 td02(String ins, VihfBuilder vihf) throws Exception {
    DmpTestClient.Answer answer = dmp.td02(ins, vihf);
    assertThat(answer.header("Action")).isEqualTo(DmpNames.ACTION_TD02_RESPONSE);
    Element p = answer.payload();
    assertThat(p.getLocalName()).isEqualTo("PRPA_IN201308UV02");
    Map<String, String> attention = new LinkedHashMap<>();
    for (Element line : Xml.children(p, Xml.HL7, "attentionLine")) {
      attention.put(
          Xml.child(line, Xml.HL7, "keyWordText").map(Xml::text).orElseThrow(),
          Xml.child(line, Xml.HL7, "value").map(Xml::text).orElseThrow());
    }
    String ack =
        Xml.path(p, Xml.HL7, "acknowledgement", "typeCode").orElseThrow().getAttribute("code");
    String code =
        Xml.path(p, Xml.HL7, "controlActProcess", "queryAck", "queryResponseCode")
            .orElseThrow()
            .getAttribute("code");
    return new Td02(ack, code, attention, p);
  }

  @Test
  void active_dmp_answers_OK_and_authorisation_VALIDE() throws Exception {
    Td02 r = td02(ADRUN, vihf(ADRUN));
    assertThat(r.ack).isEqualTo("AA");
    assertThat(r.queryResponse).isEqualTo("OK");
    assertThat(r.attention)
        .containsEntry("AUTORISATION", "VALIDE")
        .containsEntry("STATUT_DMP", "ACTIF")
        .containsEntry("OPPOSITION_ALIMENTATION", "NON");
    assertThat(Xml.descendants(r.payload, Xml.HL7, "registrationEvent")).hasSize(1);
  }

  @Test
  void every_td02_received_is_listed_with_the_ins_sent_and_who_sent_it() throws Exception {
    int before = queries(NESSI).size();
    td02(NESSI, vihf(NESSI));
    JsonArray after = queries(NESSI);
    assertThat(after).hasSize(before + 1);
    assertThat(after.getJsonObject(before).getString("ins")).isEqualTo(NESSI);
    assertThat(after.getJsonObject(before).getString("psId")).endsWith(TITULAIRE);
    assertThat(after.getJsonObject(before).getString("authenticationMode")).isEqualTo("INDIRECTE");
    assertThat(client.get("/sandbox/dmp/status-queries?ins=123").statusCode()).isEqualTo(400);
  }

  private JsonArray queries(String ins) {
    return SandboxClient.json(client.get("/sandbox/dmp/status-queries?ins=" + ins)).asJsonArray();
  }

  @Test
  void no_dmp_answers_NF_and_NON_EXISTE() throws Exception {
    Td02 r = td02(CORSE, vihf(CORSE));
    assertThat(r.queryResponse).isEqualTo("NF");
    assertThat(r.attention)
        .containsEntry("AUTORISATION", "NON_EXISTE")
        .containsEntry("STATUT_DMP", "AUCUN");
    assertThat(Xml.descendants(r.payload, Xml.HL7, "registrationEvent")).isEmpty();
  }

  @Test
  void closed_dmp_answers_its_closing_date_and_reason() throws Exception {
    Td02 r = td02(ECETINSI, vihf(ECETINSI));
    assertThat(r.queryResponse).isEqualTo("OK");
    assertThat(r.attention)
        .containsEntry("STATUT_DMP", "FERME")
        .containsEntry("AUTORISATION", "NON_EXISTE")
        .containsKey("DATE_FERMETURE")
        .containsEntry("MOTIF_FERMETURE", "Fermeture à la demande du représentant légal");
    assertThat(Xml.descendants(r.payload, Xml.HL7, "statusCode").get(0).getAttribute("code"))
        .isEqualTo("terminated");
  }

  @Test
  void opposed_patient_answers_OPPOSITION_ALIMENTATION_OUI() throws Exception {
    Td02 r = td02(NESSI, vihf(NESSI));
    assertThat(r.queryResponse).isEqualTo("OK");
    assertThat(r.attention)
        .containsEntry("AUTORISATION", "VALIDE")
        .containsEntry("OPPOSITION_ALIMENTATION", "OUI");
  }

  @Test
  void blocked_professional_gets_INTERDIT_and_a_colleague_VALIDE() throws Exception {
    assertThat(td02(TCHITCHI, vihf(TCHITCHI)).attention).containsEntry("AUTORISATION", "INTERDIT");
    assertThat(td02(TCHITCHI, vihf(TCHITCHI).ps(ADJOINT).role("21", "D")).attention)
        .containsEntry("AUTORISATION", "VALIDE");
  }

  @Test
  void patient_with_masked_documents_has_an_active_dmp() throws Exception {
    assertThat(td02(PAT_TROIS, vihf(PAT_TROIS)).attention).containsEntry("AUTORISATION", "VALIDE");
  }

  @Test
  void a_patient_other_than_the_vihf_resource_answers_AE() throws Exception {
    Td02 r = td02(ADRUN, vihf(NESSI));
    assertThat(r.ack).isEqualTo("AE");
    assertThat(r.queryResponse).isEqualTo("AE");
    assertThat(r.attention).isEmpty();
  }
}
