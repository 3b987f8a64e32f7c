package fr.officine.segur.sandbox.insi;

import static fr.officine.segur.sandbox.insi.InsiRequests.bam;
import static fr.officine.segur.sandbox.insi.InsiRequests.lps;
import static fr.officine.segur.sandbox.insi.InsiRequests.messageId;
import static fr.officine.segur.sandbox.insi.InsiRequests.traits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.insi.soap.Erreur;
import fr.officine.segur.sandbox.insi.soap.ICIRService;
import fr.officine.segur.sandbox.insi.soap.ICIRV1;
import fr.officine.segur.sandbox.insi.soap.ctxlps.ContexteLPS;
import fr.officine.segur.sandbox.insi.soap.recvitale.Beneficiaire;
import fr.officine.segur.sandbox.insi.soap.recvitale.Matricule;
import fr.officine.segur.sandbox.insi.soap.resultat.IdentifiantNationalSante;
import fr.officine.segur.sandbox.insi.soap.resultat.Resultat;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The sandbox INSi over real SOAP 1.2 on a loopback port, with a client generated from the same
 * public WSDL: every published CNAM test identity answers as published (DOMAIN-FACTS §3.4).
 */
class InsiSandboxTest extends InMemorySandboxTest {
  static final String MSG = InsiRequests.MSG;

  @AfterEach
  void insiBackUp() {
    client.post("/sandbox/faults", "{\"service\":\"insi\",\"mode\":\"up\"}");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "ADRUN, ZOE, F, 1975-12-31, 2751263220749, 74, ZOE, 63220",
    "CORSE, ANTHONY, M, 1980-03-02, 180032B020401, 23, ANTHONY, 2B020",
    "ECETINSI, PIERRE-ALAIN, M, 2009-07-14, 1090763220834, 89, PIERRE-ALAIN MURIEL FLORIANT, 63220",
    "HERMANN, GATIEN, M, 1981-03-24, 1810363220456, 60, GATIEN, 63220",
    "NESSI, MICHELANGELO, M, 2010-08-07, 1100863220830, 60, MICHELANGELO ANTHONY, 63220",
    "TCHITCHI, CATARINA, F, 1936-06-21, 2360663220836, 56, CATARINA BELLA, 63220"
  })
  void every_published_identity_answers_00_with_its_ins_and_traits(
      String name,
      String firstName,
      String sex,
      String birthDate,
      String matricule,
      String key,
      String list,
      String cog)
      throws Erreur {
    Resultat r = byTraits(name, List.of(firstName), sex, birthDate, null);

    assertThat(r.getCR().getCodeCR()).isEqualTo("00");
    assertThat(r.getCR().getLibelleCR()).isEqualTo("OK");
    IdentifiantNationalSante active = r.getINDIVIDU().getINSACTIF();
    assertThat(active.getIdIndividu().getNumIdentifiant()).isEqualTo(matricule);
    assertThat(active.getIdIndividu().getCle()).isEqualTo(key);
    assertThat(active.getOID()).isEqualTo("1.2.250.1.213.1.4.8");
    var tiq = r.getINDIVIDU().getTIQ();
    assertThat(tiq.getNomNaissance()).isEqualTo(name);
    assertThat(tiq.getListePrenom()).isEqualTo(list);
    assertThat(tiq.getSexe()).isEqualTo(sex);
    assertThat(tiq.getDateNaissance()).isEqualTo(birthDate);
    assertThat(tiq.getLieuNaissance()).isEqualTo(cog);
  }

  @Test
  void hermann_gatien_carries_his_former_ins_in_inshisto_with_the_published_inconsistent_keys()
      throws Erreur {
    Resultat r = byTraits("HERMANN", List.of("GATIEN"), "M", "1981-03-24", null);

    assertThat(r.getINDIVIDU().getINSHISTO())
        .extracting(h -> h.getIdIndividu().getNumIdentifiant() + "/" + h.getIdIndividu().getCle())
        .containsExactly("1810363220456/60", "2810363220456/10");
  }

  @Test
  void corsica_birth_place_2B_is_a_valid_search_criterion() throws Erreur {
    Resultat r = byTraits("CORSE", List.of("ANTHONY"), "M", "1980-03-02", "2B020");
    assertThat(r.getINDIVIDU().getINSACTIF().getIdIndividu().getNumIdentifiant())
        .isEqualTo("180032B020401");
    assertThat(
            byTraits("CORSE", List.of("ANTHONY"), "M", "1980-03-02", "2A004").getCR().getCodeCR())
        .isEqualTo("01");
  }

  @Test
  void tchitchi_ola_is_not_found_but_catarina_and_the_full_list_are() throws Erreur {
    assertThat(code("TCHITCHI", "OLA", "F", "1936-06-21")).isEqualTo("01");
    assertThat(code("TCHITCHI", "CATARINA", "F", "1936-06-21")).isEqualTo("00");
    assertThat(code("TCHITCHI", "CATARINA BELLA", "F", "1936-06-21")).isEqualTo("00");
    // only the first first name or the whole list identify: BELLA alone does not
    assertThat(code("TCHITCHI", "BELLA", "F", "1936-06-21")).isEqualTo("01");
  }

  @Test
  void houilles_answers_01_for_each_first_name_and_for_the_list_as_published() throws Erreur {
    for (String firstNames : List.of("PIERRE", "PAUL", "JACQUES", "PIERRE PAUL JACQUES")) {
      Resultat r = byTraits("HOUILLES", List.of(firstNames), "M", "1993-01-27", null);
      assertThat(r.getCR().getCodeCR()).as(firstNames).isEqualTo("01");
      assertThat(r.getCR().getLibelleCR()).isEqualTo("Aucune identite trouvee");
      assertThat(r.getINDIVIDU()).isNull();
    }
  }

  @Test
  void homonyms_answer_02_until_the_list_of_first_names_or_the_birth_place_tells_them_apart()
      throws Erreur {
    Resultat several = byTraits("HOMONYME", List.of("CAMILLE"), "F", "1985-05-15", null);
    assertThat(several.getCR().getCodeCR()).isEqualTo("02");
    assertThat(several.getCR().getLibelleCR()).isEqualTo("Plusieurs identites trouvees");
    assertThat(several.getINDIVIDU()).isNull();

    Resultat byList = byTraits("HOMONYME", List.of("CAMILLE ROSE"), "F", "1985-05-15", null);
    assertThat(byList.getINDIVIDU().getINSACTIF().getIdIndividu().getNumIdentifiant())
        .isEqualTo("2850569123001");
    Resultat byPlace = byTraits("HOMONYME", List.of("CAMILLE"), "F", "1985-05-15", "63113");
    assertThat(byPlace.getINDIVIDU().getINSACTIF().getIdIndividu().getNumIdentifiant())
        .isEqualTo("2850563113002");
  }

  @Test
  void carte_vitale_finds_the_active_ins_also_from_a_former_matricule() throws Erreur {
    assertThat(byVitale("2751263220749", "1975-12-31").getINDIVIDU().getTIQ().getNomNaissance())
        .isEqualTo("ADRUN");
    Resultat former = byVitale("2810363220456", "1981-03-24");
    assertThat(former.getINDIVIDU().getINSACTIF().getIdIndividu().getNumIdentifiant())
        .isEqualTo("1810363220456");
    assertThat(byVitale("2751263220749", "1975-12-30").getCR().getCodeCR()).isEqualTo("01");
  }

  @Test
  void an_unknown_software_id_is_refused_with_siram_100_and_desir_550() {
    ContexteLPS lps = lps("LOGICIEL-INCONNU");
    assertThatThrownBy(
            () ->
                port()
                    .rechercherInsAvecTraitsIdentite(
                        traits("ADRUN", List.of("ZOE"), "F", "1975-12-31", null),
                        null,
                        lps,
                        messageId(),
                        bam()))
        .isInstanceOfSatisfying(
            Erreur.class,
            e -> {
              assertThat(e.getFaultInfo().getCode()).isEqualTo("desir_550");
              assertThat(e.getFaultInfo().getMessageID()).isEqualTo(MSG);
              assertThat(e.getFaultInfo().getValue())
                  .isEqualTo("Numéro d'autorisation du logiciel inconnu.");
            });
  }

  @Test
  void the_fault_on_the_wire_is_a_soap12_sender_fault_with_the_siram_subcode_and_detail()
      throws Exception {
    String envelope =
        "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Header>"
            + "<ctxbam:ContexteBAM xmlns:ctxbam=\"urn:siram:bam:ctxbam\" Version=\"01_02\"><ctxbam:Id>1</ctxbam:Id>"
            + "<ctxbam:Temps>2026-11-23T10:00:00Z</ctxbam:Temps><ctxbam:COUVERTURE/></ctxbam:ContexteBAM>"
            + "<ctxlps:ContexteLPS xmlns:ctxlps=\"urn:siram:lps:ctxlps\" Nature=\"CTXLPS\" Version=\"01_00\">"
            + "<ctxlps:Id>1</ctxlps:Id><ctxlps:Temps>2026-11-23T10:00:00Z</ctxlps:Temps>"
            + "<ctxlps:LPS><ctxlps:IDAM R=\"4\">FAKE-IDAM</ctxlps:IDAM></ctxlps:LPS></ctxlps:ContexteLPS>"
            + "<wsa:MessageID xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">"
            + MSG
            + "</wsa:MessageID>"
            + "</soap:Header><soap:Body><RECSANSVITALE xmlns=\"http://www.cnamts.fr/INSiRecSans\">"
            + "<NomNaissance>ADRUN</NomNaissance><Prenom>ZOE</Prenom><Sexe>F</Sexe>"
            + "<DateNaissance>1975-12-31</DateNaissance></RECSANSVITALE></soap:Body></soap:Envelope>";
    HttpResponse<byte[]> raw =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/insi"))
                    .header(
                        "Content-Type",
                        "application/soap+xml; charset=utf-8; action=\"urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite\"")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertThat(raw.statusCode()).isIn(400, 500);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(raw.body()));
    String soap = "http://www.w3.org/2003/05/soap-envelope";
    List<String> values =
        List.of(
            doc.getElementsByTagNameNS(soap, "Value").item(0).getTextContent(),
            doc.getElementsByTagNameNS(soap, "Value").item(1).getTextContent());
    assertThat(values.get(0)).endsWith(":Sender");
    assertThat(values.get(1)).endsWith(":siram_100");
    Element erreur = (Element) doc.getElementsByTagNameNS("urn:siram", "Erreur").item(0);
    assertThat(erreur.getAttribute("code")).isEqualTo("desir_550");
    assertThat(erreur.getAttribute("severite")).isEqualTo("erreur");
    assertThat(erreur.getAttribute("messageID")).isEqualTo(MSG);
  }

  @Test
  void the_lps_and_bam_context_headers_are_required() {
    var traits = traits("ADRUN", List.of("ZOE"), "F", "1975-12-31", null);
    assertThatThrownBy(
            () -> port().rechercherInsAvecTraitsIdentite(traits, null, null, messageId(), bam()))
        .isInstanceOfSatisfying(
            Erreur.class,
            e -> assertThat(e.getFaultInfo().getCode()).isEqualTo("SANDBOX_CONTEXTE_INVALIDE"));
    assertThatThrownBy(
            () ->
                port()
                    .rechercherInsAvecTraitsIdentite(
                        traits, null, lps(InsiSeeds.ACCEPTED_IDAM), messageId(), null))
        .isInstanceOfSatisfying(
            Erreur.class, e -> assertThat(e.getFaultInfo().getValue()).contains("ContexteBAM"));
    ContexteLPS wrongVersion = lps(InsiSeeds.ACCEPTED_IDAM);
    wrongVersion.setVersion("02_00");
    assertThatThrownBy(
            () ->
                port()
                    .rechercherInsAvecTraitsIdentite(
                        traits, null, wrongVersion, messageId(), bam()))
        .isInstanceOfSatisfying(
            Erreur.class, e -> assertThat(e.getFaultInfo().getValue()).contains("01_00"));
  }

  @Test
  void error_mode_answers_a_receiver_fault_siram_40_without_siram_detail() {
    client.post("/sandbox/faults", "{\"service\":\"insi\",\"mode\":\"error\"}");
    assertThatThrownBy(() -> code("ADRUN", "ZOE", "F", "1975-12-31"))
        .isInstanceOfSatisfying(
            SOAPFaultException.class,
            e -> {
              assertThat(e.getFault().getFaultCodeAsQName().getLocalPart()).isEqualTo("Receiver");
              assertThat(e.getFault().getFaultSubcodes().next().getLocalPart())
                  .isEqualTo("siram_40");
            });
  }

  @Test
  void down_mode_answers_http_503_without_soap() {
    client.post("/sandbox/faults", "{\"service\":\"insi\",\"mode\":\"down\"}");
    assertThatThrownBy(() -> code("ADRUN", "ZOE", "F", "1975-12-31"))
        .isInstanceOf(WebServiceException.class)
        .hasMessageContaining("503");
  }

  // ------------------------------------------------------------------ helpers

  private String code(String name, String firstNames, String sex, String birthDate) throws Erreur {
    return byTraits(name, List.of(firstNames), sex, birthDate, null).getCR().getCodeCR();
  }

  private Resultat byTraits(
      String name, List<String> firstNames, String sex, String birthDate, String cog)
      throws Erreur {
    return port()
        .rechercherInsAvecTraitsIdentite(
            traits(name, firstNames, sex, birthDate, cog),
            null,
            lps(InsiSeeds.ACCEPTED_IDAM),
            messageId(),
            bam());
  }

  private Resultat byVitale(String matricule, String birthDate) throws Erreur {
    Beneficiaire b = new Beneficiaire();
    Matricule m = new Matricule();
    m.setNumIdentifiant(matricule);
    b.setMatriculeIndividu(m);
    b.setDateNaissance(birthDate);
    return port()
        .rechercherInsAvecCarteVitale(b, null, lps(InsiSeeds.ACCEPTED_IDAM), messageId(), bam());
  }

  private ICIRService port() {
    ICIRService port = new ICIRV1().getICIRService();
    ((BindingProvider) port)
        .getRequestContext()
        .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, sandbox.baseUrl() + Insi.PATH);
    return port;
  }
}
