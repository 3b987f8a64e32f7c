package fr.officine.segur.sandbox.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.dp.soap.AlimenterDP;
import fr.officine.segur.sandbox.dp.soap.AlimenterDPReponse;
import fr.officine.segur.sandbox.dp.soap.CarteVitale;
import fr.officine.segur.sandbox.dp.soap.ConsulterDP;
import fr.officine.segur.sandbox.dp.soap.ConsulterDPReponse;
import fr.officine.segur.sandbox.dp.soap.ContexteLPS;
import fr.officine.segur.sandbox.dp.soap.Dispensation;
import fr.officine.segur.sandbox.dp.soap.DossierPharmaceutiquePort;
import fr.officine.segur.sandbox.dp.soap.ErreurDP;
import fr.officine.segur.sandbox.dp.soap.ErreurDP_Exception;
import fr.officine.segur.sandbox.dp.soap.IdentifiantPatient;
import jakarta.json.JsonArray;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The DP stub over real SOAP on a real port: each patient status, record, forward, alerts, faults.
 */
class DpSandboxTest extends InMemorySandboxTest {
  private static final String UNKNOWN_TO_DP = "279035121518989";

  @AfterEach
  void up() {
    client.post("/sandbox/faults", "{\"service\":\"dp\",\"mode\":\"up\"}");
  }

  private DossierPharmaceutiquePort port() throws Exception {
    return Service.create(
            new URL(sandbox.baseUrl() + "/dp?wsdl"),
            new QName("urn:officine-segur:stand-in:dp:v1", "DossierPharmaceutiqueService"))
        .getPort(DossierPharmaceutiquePort.class);
  }

  static ContexteLPS marche() {
    ContexteLPS c = new ContexteLPS();
    c.setIdLogiciel("officine-segur-tests");
    c.setNomLogiciel("officine-segur");
    c.setVersionLogiciel("0.1.0");
    c.setInstance("test");
    c.setFiness(SandboxClient.MARCHE_FINESS);
    c.setNomStructure("Pharmacie du Marché");
    c.setRppsPS("10100000016");
    return c;
  }

  static IdentifiantPatient ins(String ins) {
    IdentifiantPatient p = new IdentifiantPatient();
    p.setIns(ins);
    p.setOidIns("1.2.250.1.213.1.4.8");
    return p;
  }

  static ConsulterDP consult(IdentifiantPatient p, String... envisaged) {
    ConsulterDP c = new ConsulterDP();
    c.setPatient(p);
    c.setMoisHistorique(4);
    c.getCip13Envisage().addAll(List.of(envisaged));
    return c;
  }

  /**
   * The part of an eDISP-MED CDA the DP reads: supply, quantity, CIP13 as a translation, name, lot.
   */
  static byte[] edisp(String cip13, String label, int quantity, String lot) {
    return ("<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:pharm=\"urn:ihe:pharm:medication\"><component><structuredBody>"
            + "<component><section><entry><supply classCode=\"SPLY\" moodCode=\"EVN\">"
            + "<quantity value=\""
            + quantity
            + "\" unit=\"30009000\"/>"
            + "<product><manufacturedProduct><manufacturedMaterial><code><translation code=\""
            + cip13
            + "\" codeSystem=\"1.2.250.1.213.2.3.2\"/></code><name>"
            + label
            + "</name>"
            + (lot == null ? "" : "<pharm:lotNumberText>" + lot + "</pharm:lotNumberText>")
            + "</manufacturedMaterial></manufacturedProduct></product></supply></entry></section></component>"
            + "</structuredBody></component></ClinicalDocument>")
        .getBytes(StandardCharsets.UTF_8);
  }

  static AlimenterDP record(String id, String ins, byte[] cda) {
    AlimenterDP a = new AlimenterDP();
    a.setIdDispensation(id);
    a.setPatient(ins(ins));
    a.setDocumentEdisp(cda);
    return a;
  }

  interface DpCall {
    void run() throws Exception;
  }

  static ErreurDP faultOf(DpCall call) {
    try {
      call.run();
    } catch (ErreurDP_Exception e) {
      return e.getFaultInfo();
    } catch (Exception e) {
      throw new AssertionError("expected erreurDP, got " + e, e);
    }
    throw new AssertionError("expected erreurDP, got an answer");
  }

  @Test
  void
      active_dp_shows_the_history_across_pharmacies_with_lot_atc_and_the_reference_of_envisaged_products()
          throws Exception {
    ConsulterDPReponse r =
        port().consulterDP(consult(ins(DpSeeds.ADRUN), DpSeeds.DOLIPRANE), marche());

    assertThat(r.getDispensation())
        .extracting(d -> d.getProduit().getCip13())
        // SKENAN: the narcotic delivered 3 days ago by pharmacy B (seed for the overlap rule,
        // SBX16)
        .containsExactly(
            DpSeeds.NUROFEN,
            DpSeeds.PARACETAMOL_GENERIC,
            DpSeeds.SKENAN,
            DpSeeds.IBUPROFENE_GENERIC,
            DpSeeds.DOLIPRANE);
    Dispensation paracetamol = r.getDispensation().get(1);
    assertThat(paracetamol.getPharmacie().getFiness()).isEqualTo(DpSeeds.PHARMACY_B);
    assertThat(paracetamol.getProduit().getAtc()).isEqualTo("N02BE01");
    assertThat(paracetamol.getLot()).isEqualTo("PB2311A");
    assertThat(paracetamol.getQuantite()).isEqualTo(2);
    assertThat(r.getDispensation())
        .extracting(d -> d.getPharmacie().getFiness())
        .contains(DpSeeds.PHARMACY_A, DpSeeds.PHARMACY_B);
    assertThat(r.getReferenceProduit())
        .singleElement()
        .satisfies(p -> assertThat(p.getAtc()).isEqualTo("N02BE01"));
  }

  @Test
  void patient_found_by_carte_vitale_data_nir_rang_and_birth_date() throws Exception {
    CarteVitale cv = new CarteVitale();
    cv.setNir(DpSeeds.ADRUN.substring(0, 13));
    cv.setRang(1);
    cv.setDateNaissance(DatatypeFactory.newDefaultInstance().newXMLGregorianCalendar("1975-12-31"));
    IdentifiantPatient p = new IdentifiantPatient();
    p.setCarteVitale(cv);
    assertThat(port().consulterDP(consult(p), marche()).getDispensation())
        .extracting(Dispensation::getIdDispensation)
        .contains("SEED-DP-1", "SEED-DP-4");

    cv.setRang(2);
    assertThat(faultOf(() -> port().consulterDP(consult(p), marche())).getCode())
        .isEqualTo("DP_PATIENT_INCONNU");
  }

  @Test
  void each_patient_status_has_its_fault_code() throws Exception {
    DossierPharmaceutiquePort port = port();
    assertThat(faultOf(() -> port.consulterDP(consult(ins(DpSeeds.CORSE)), marche())).getCode())
        .isEqualTo("DP_INEXISTANT");
    assertThat(faultOf(() -> port.consulterDP(consult(ins(DpSeeds.ECETINSI)), marche())).getCode())
        .isEqualTo("DP_FERME");
    assertThat(faultOf(() -> port.consulterDP(consult(ins(DpSeeds.NESSI)), marche())).getCode())
        .isEqualTo("DP_REFUS_ACCES");
    assertThat(faultOf(() -> port.consulterDP(consult(ins(UNKNOWN_TO_DP)), marche())).getCode())
        .isEqualTo("DP_PATIENT_INCONNU");
    assertThat(
            faultOf(
                    () ->
                        port.alimenterDP(
                            record(
                                "x-" + UUID.randomUUID(),
                                DpSeeds.CORSE,
                                edisp(DpSeeds.DOLIPRANE, "DOLIPRANE", 1, null)),
                            marche()))
                .getCode())
        .isEqualTo("DP_INEXISTANT");
    assertThat(faultOf(() -> port.consulterDP(consult(ins(DpSeeds.ADRUN)), null)).getCode())
        .isEqualTo("DP_CONTEXTE_INVALIDE");
  }

  @Test
  void a_dispensation_is_recorded_once_whatever_the_number_of_sends() throws Exception {
    String id = "disp-" + UUID.randomUUID();
    byte[] cda = edisp(DpSeeds.DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 2, "LOT42");

    AlimenterDPReponse first = port().alimenterDP(record(id, DpSeeds.TCHITCHI, cda), marche());
    AlimenterDPReponse second = port().alimenterDP(record(id, DpSeeds.TCHITCHI, cda), marche());

    assertThat(first.getStatut()).isEqualTo("ENREGISTREE");
    assertThat(first.getStatutDMP()).isNull();
    assertThat(second.getStatut()).isEqualTo("DEJA_ENREGISTREE");
    JsonArray held =
        SandboxClient.json(client.get("/sandbox/dp/dispensations?ins=" + DpSeeds.TCHITCHI))
            .asJsonArray();
    assertThat(held.stream().filter(v -> v.asJsonObject().getString("dispensationId").equals(id)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.asJsonObject().getString("lot")).isEqualTo("LOT42");
              assertThat(v.asJsonObject().getInt("quantity")).isEqualTo(2);
              assertThat(v.asJsonObject().getJsonObject("pharmacy").getString("finess"))
                  .isEqualTo(SandboxClient.MARCHE_FINESS);
            });
  }

  @Test
  void a_product_the_patient_refused_is_not_recorded_and_says_which() throws Exception {
    String id = "disp-" + UUID.randomUUID();
    ErreurDP f =
        faultOf(
            () ->
                port()
                    .alimenterDP(
                        record(
                            id,
                            DpSeeds.TCHITCHI,
                            edisp(DpSeeds.OMEPRAZOLE, "OMEPRAZOLE ZYDUS 20 mg", 1, null)),
                        marche()));

    assertThat(f.getCode()).isEqualTo("DP_REFUS_PRODUIT");
    assertThat(f.getCip13()).isEqualTo(DpSeeds.OMEPRAZOLE);
    assertThat(client.get("/sandbox/dp/dispensations?ins=" + DpSeeds.TCHITCHI).body())
        .doesNotContain(id);
  }

  @Test
  void via_dp_the_document_reaches_the_dmp_once_under_the_module_uniqueId() throws Exception {
    String uniqueId = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
    byte[] cda = edisp(DpSeeds.NUROFEN, "NUROFEN 400 mg cp enr B/12", 1, null);
    AlimenterDP a = record("disp-" + UUID.randomUUID(), DpSeeds.TCHITCHI, cda);
    AlimenterDP.TransmissionDMP t = new AlimenterDP.TransmissionDMP();
    t.setUniqueId(uniqueId);
    t.setClassCode("43");
    t.setTypeCode("60593-1");
    t.setFormatCode("urn:asip:ci-sis:edisp:2024");
    t.setConfidentialityCode("N");
    t.setTitre("Dispensation");
    t.setDateCreation("20261123100000");
    t.setAuteur("810100000016^MARTIN^Claire");
    t.setRppsAuteur("10100000016");
    a.setTransmissionDMP(t);

    assertThat(port().alimenterDP(a, marche()).getStatutDMP()).isEqualTo("TRANSMIS");
    // another DP record of the same document (a second pharmacy software, a replayed id) never
    // doubles it
    a.setIdDispensation("disp-" + UUID.randomUUID());
    assertThat(port().alimenterDP(a, marche()).getStatutDMP()).isEqualTo("DEJA_PRESENT");

    JsonArray docs =
        SandboxClient.json(client.get("/sandbox/dmp/documents?ins=" + DpSeeds.TCHITCHI))
            .asJsonArray();
    assertThat(docs.stream().filter(d -> d.asJsonObject().getString("uniqueId").equals(uniqueId)))
        .hasSize(1);
  }

  @Test
  void recall_and_shortage_alerts_come_with_the_products_they_concern() throws Exception {
    ConsulterDPReponse r =
        port()
            .consulterDP(
                consult(ins(DpSeeds.TCHITCHI), DpSeeds.KARDEGIC, DpSeeds.AMOXICILLINE), marche());
    assertThat(r.getAlerte())
        .extracting(a -> a.getType().value() + " " + a.getProduit().getCip13())
        .containsExactlyInAnyOrder("RAPPEL " + DpSeeds.KARDEGIC, "RUPTURE " + DpSeeds.AMOXICILLINE);
    assertThat(r.getAlerte()).allSatisfy(a -> assertThat(a.getMessage()).isNotBlank());
    assertThat(
            port()
                .consulterDP(consult(ins(DpSeeds.TCHITCHI), DpSeeds.DOLIPRANE), marche())
                .getAlerte())
        .isEmpty();
  }

  @Test
  void error_mode_answers_DP_SERVICE_INDISPONIBLE_and_down_mode_http_503() throws Exception {
    DossierPharmaceutiquePort port = port();
    client.post("/sandbox/faults", "{\"service\":\"dp\",\"mode\":\"error\"}");
    assertThat(faultOf(() -> port.consulterDP(consult(ins(DpSeeds.ADRUN)), marche())).getCode())
        .isEqualTo("DP_SERVICE_INDISPONIBLE");
    client.post("/sandbox/faults", "{\"service\":\"dp\",\"mode\":\"down\"}");
    assertThatThrownBy(() -> port.consulterDP(consult(ins(DpSeeds.ADRUN)), marche()))
        .isInstanceOf(WebServiceException.class)
        .hasMessageContaining("503");
    up();
    assertThat(port.consulterDP(consult(ins(DpSeeds.ADRUN)), marche()).getDispensation())
        .isNotEmpty();
  }
}
