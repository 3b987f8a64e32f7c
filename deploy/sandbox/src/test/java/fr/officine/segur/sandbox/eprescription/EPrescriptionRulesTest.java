package fr.officine.segur.sandbox.eprescription;

import static fr.officine.segur.sandbox.SandboxClient.execution;
import static fr.officine.segur.sandbox.SandboxClient.faultOf;
import static fr.officine.segur.sandbox.SandboxClient.line;
import static fr.officine.segur.sandbox.SandboxClient.pharmacieDesArcades;
import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.SandboxConfig;
import fr.officine.segur.sandbox.eprescription.soap.CodeCompletude;
import fr.officine.segur.sandbox.eprescription.soap.ConsulterEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.EPrescription;
import fr.officine.segur.sandbox.eprescription.soap.ErreurEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.LignePrescription;
import fr.officine.segur.sandbox.eprescription.soap.MotifNonDelivrance;
import fr.officine.segur.sandbox.eprescription.soap.StatutPrescription;
import fr.officine.segur.sandbox.eprescription.soap.TransmettreExecutionEPrescriptionReponse;
import fr.officine.segur.sandbox.eprescription.soap.TransmettreExecutionEPrescriptionReponse.LigneAcceptee;
import fr.officine.segur.sandbox.seed.Seeder;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The rules of the e-prescription base, through a real JAX-WS client over a real socket. Each rule:
 * a known-good request, one field changed, the exact fault code. Every test works on prescriptions
 * of its own (created through the admin API), so the order of tests does not matter.
 */
class EPrescriptionRulesTest extends InMemorySandboxTest {
  private static final String DOLIPRANE = "3400935955838";
  private static final String CLAMOXYL = "3400932158744";
  private static final String AMOXICILLINE = "3400936035416";

  private String prescription(int quantity, int renewals) {
    return client.createPrescription(
        "{\"lines\":[{\"cip13\":\""
            + DOLIPRANE
            + "\",\"quantity\":"
            + quantity
            + ",\"renewals\":"
            + renewals
            + "}]}");
  }

  private static LigneAcceptee accepted(TransmettreExecutionEPrescriptionReponse r, String lineId) {
    return r.getLigneAcceptee().stream()
        .filter(l -> l.getIdLigne().equals(lineId))
        .findFirst()
        .orElseThrow();
  }

  // ------------------------------------------------------------ consult

  @Test
  void seeded_prescription_is_consulted_with_prescriber_patient_and_lines() throws Exception {
    EPrescription p = client.consult(Seeder.SIMPLE);

    assertThat(p.getNumero()).isEqualTo("01S2TBPZ2JCNZZYGHZ");
    assertThat(p.getStatut()).isEqualTo(StatutPrescription.OUVERTE);
    assertThat(p.getPrescripteur().getRpps()).isEqualTo("10100000040");
    assertThat(p.getPatient().getIns()).isEqualTo("275126322074974");
    assertThat(p.getPatient().getOidIns()).isEqualTo("1.2.250.1.213.1.4.8");
    LignePrescription l1 = line(p, "L1");
    assertThat(l1.getProduit().getCode()).isEqualTo(DOLIPRANE);
    assertThat(l1.getQuantitePrescrite()).isEqualTo(2);
    assertThat(l1.getQuantiteRestante()).isEqualTo(2);
    assertThat(l1.getQuantiteDelivrableMaintenant()).isEqualTo(2);
    assertThat(
            p.getDateLimitePremiereDelivrance()
                .toGregorianCalendar()
                .toZonedDateTime()
                .toLocalDate())
        .isEqualTo(LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(2).plusMonths(3));
  }

  @Test
  void malformed_number_is_refused_with_EP_NUMERO_INVALIDE() throws Exception {
    assertThat(client.consult(Seeder.SIMPLE)).isNotNull();
    for (String bad :
        new String[] {
          "01s2tbpz2jcnzzyghz",
          "01S2TBPZ2JCNZZYGH",
          "01S2TBPZ2JCNZZYGHZ0",
          " 01S2TBPZ2JCNZZYGHZ",
          "01S2TBPZ2JCNZZYGH!",
          ""
        }) {
      ErreurEPrescription fault = faultOf(() -> client.consult(bad));
      assertThat(fault.getCode()).as(bad).isEqualTo("EP_NUMERO_INVALIDE");
      assertThat(fault.getMessage()).contains("18");
    }
  }

  @Test
  void unknown_number_is_refused_with_EP_NUMERO_INCONNU() {
    assertThat(faultOf(() -> client.consult("ZZZZZZZZZZZZZZZZZZ")).getCode())
        .isEqualTo("EP_NUMERO_INCONNU");
    assertThat(
            faultOf(() -> client.send(execution("ZZZZZZZZZZZZZZZZZZ").deliver("L1", 1))).getCode())
        .isEqualTo("EP_NUMERO_INCONNU");
  }

  @Test
  void lps_context_with_a_luhn_valid_finess_is_required() throws Exception {
    ConsulterEPrescription req = new ConsulterEPrescription();
    req.setNumero(Seeder.SIMPLE);
    assertThat(client.port().consulterEPrescription(req, SandboxClient.pharmacieDuMarche()))
        .isNotNull();

    assertThat(faultOf(() -> client.port().consulterEPrescription(req, null)).getCode())
        .isEqualTo("EP_CONTEXTE_INVALIDE");
    assertThat(
            faultOf(
                    () ->
                        client.consult(
                            Seeder.SIMPLE, SandboxClient.context("690100012", "Pharmacie", null)))
                .getCode())
        .as("FINESS failing Luhn")
        .isEqualTo("EP_CONTEXTE_INVALIDE");
    assertThat(
            faultOf(
                    () ->
                        client.consult(
                            Seeder.SIMPLE, SandboxClient.context("69010001", "Pharmacie", null)))
                .getCode())
        .as("8 digits")
        .isEqualTo("EP_CONTEXTE_INVALIDE");
    assertThat(
            faultOf(
                    () ->
                        client.consult(
                            Seeder.SIMPLE,
                            SandboxClient.context("690100011", "Pharmacie", "10100000017")))
                .getCode())
        .as("RPPS failing Luhn")
        .isEqualTo("EP_CONTEXTE_INVALIDE");
  }

  // ------------------------------------------------------------ quantities and completeness

  @Test
  void partial_then_complete_delivery_of_a_period_earns_FFP_then_RFC() throws Exception {
    String n = prescription(3, 0);

    TransmettreExecutionEPrescriptionReponse first = client.send(execution(n).deliver("L1", 1));
    assertThat(accepted(first, "L1").getCodeCompletude()).isEqualTo(CodeCompletude.FFP);
    assertThat(accepted(first, "L1").getQuantiteRestante()).isEqualTo(2);
    assertThat(first.getPrescription().getStatut()).isEqualTo(StatutPrescription.PARTIELLE);
    assertThat(first.isDejaEnregistree()).isFalse();

    TransmettreExecutionEPrescriptionReponse second = client.send(execution(n).deliver("L1", 2));
    assertThat(accepted(second, "L1").getCodeCompletude()).isEqualTo(CodeCompletude.RFC);
    assertThat(accepted(second, "L1").getQuantiteRestante()).isZero();
    assertThat(second.getPrescription().getStatut()).isEqualTo(StatutPrescription.CLOTUREE);
  }

  @Test
  void whole_period_at_once_earns_FFC() throws Exception {
    String n = prescription(2, 0);
    assertThat(accepted(client.send(execution(n).deliver("L1", 2)), "L1").getCodeCompletude())
        .isEqualTo(CodeCompletude.FFC);
  }

  @Test
  void over_delivery_is_refused_with_EP_QUANTITE_EXCESSIVE_naming_the_line() throws Exception {
    String n = prescription(2, 0);
    ErreurEPrescription fault = faultOf(() -> client.send(execution(n).deliver("L1", 3)));
    assertThat(fault.getCode()).isEqualTo("EP_QUANTITE_EXCESSIVE");
    assertThat(fault.getIdLigne()).isEqualTo("L1");
    // nothing was recorded: the whole prescription remains
    assertThat(line(client.consult(n), "L1").getQuantiteDelivree()).isZero();
    assertThat(client.send(execution(n).deliver("L1", 2))).isNotNull();
  }

  @Test
  void renewable_line_is_delivered_one_period_per_execution() throws Exception {
    // "à renouveler 2 fois", 1 box per period: 3 separate dispensations of 1 box
    String n = prescription(1, 2);
    LignePrescription l1 = line(client.consult(n), "L1");
    assertThat(l1.getQuantiteTotale()).isEqualTo(3);
    assertThat(l1.getQuantiteDelivrableMaintenant()).isEqualTo(1);

    assertThat(faultOf(() -> client.send(execution(n).deliver("L1", 2))).getCode())
        .as("two periods in one execution")
        .isEqualTo("EP_QUANTITE_EXCESSIVE");

    assertThat(accepted(client.send(execution(n).deliver("L1", 1)), "L1").getCodeCompletude())
        .isEqualTo(CodeCompletude.FFC);
    TransmettreExecutionEPrescriptionReponse second = client.send(execution(n).deliver("L1", 1));
    assertThat(accepted(second, "L1").getCodeCompletude()).isEqualTo(CodeCompletude.RFC);
    assertThat(second.getPrescription().getStatut()).isEqualTo(StatutPrescription.PARTIELLE);
    TransmettreExecutionEPrescriptionReponse third = client.send(execution(n).deliver("L1", 1));
    assertThat(accepted(third, "L1").getCodeCompletude()).isEqualTo(CodeCompletude.RFC);
    assertThat(third.getPrescription().getStatut()).isEqualTo(StatutPrescription.CLOTUREE);
  }

  @Test
  void an_execution_delivers_at_most_the_rest_of_the_current_period() throws Exception {
    String n = prescription(3, 1); // 3 boxes per period, 6 in all
    client.send(execution(n).deliver("L1", 2));
    LignePrescription l1 = line(client.consult(n), "L1");
    assertThat(l1.getQuantiteRestante()).isEqualTo(4);
    assertThat(l1.getQuantiteDelivrableMaintenant()).isEqualTo(1);

    assertThat(faultOf(() -> client.send(execution(n).deliver("L1", 2))).getCode())
        .isEqualTo("EP_QUANTITE_EXCESSIVE");
    assertThat(accepted(client.send(execution(n).deliver("L1", 1)), "L1").getCodeCompletude())
        .isEqualTo(CodeCompletude.RFC);
    assertThat(line(client.consult(n), "L1").getQuantiteDelivrableMaintenant()).isEqualTo(3);
  }

  @Test
  void fully_delivered_prescription_is_closed_and_refuses_any_further_execution() throws Exception {
    assertThat(client.consult(Seeder.CLOSED).getStatut()).isEqualTo(StatutPrescription.CLOTUREE);
    assertThat(faultOf(() -> client.send(execution(Seeder.CLOSED).deliver("L1", 1))).getCode())
        .isEqualTo("EP_PRESCRIPTION_CLOTUREE");
    assertThat(
            faultOf(
                    () ->
                        client.send(
                            execution(Seeder.CLOSED).notDelivered("L1", MotifNonDelivrance.AUTRE)))
                .getCode())
        .isEqualTo("EP_PRESCRIPTION_CLOTUREE");
  }

  @Test
  void unknown_line_is_refused_with_EP_LIGNE_INCONNUE() throws Exception {
    String n = prescription(1, 0);
    ErreurEPrescription fault = faultOf(() -> client.send(execution(n).deliver("L9", 1)));
    assertThat(fault.getCode()).isEqualTo("EP_LIGNE_INCONNUE");
    assertThat(fault.getIdLigne()).isEqualTo("L9");
  }

  // ------------------------------------------------------------ not delivered, substitution,
  // handwritten

  @Test
  void not_delivered_line_is_recorded_with_its_reason_and_no_completeness_code() throws Exception {
    String n = prescription(2, 0);
    TransmettreExecutionEPrescriptionReponse r =
        client.send(execution(n).notDelivered("L1", MotifNonDelivrance.RUPTURE_STOCK));
    assertThat(accepted(r, "L1").getQuantite()).isZero();
    assertThat(accepted(r, "L1").getCodeCompletude()).isNull();
    assertThat(r.getPrescription().getStatut()).isEqualTo(StatutPrescription.OUVERTE);
    var recorded = line(client.consult(n), "L1").getExecution();
    assertThat(recorded)
        .singleElement()
        .satisfies(
            e -> assertThat(e.getMotifNonDelivrance()).isEqualTo(MotifNonDelivrance.RUPTURE_STOCK));
    // the first box delivered afterwards is still the first delivery of the line
    assertThat(accepted(client.send(execution(n).deliver("L1", 1)), "L1").getCodeCompletude())
        .isEqualTo(CodeCompletude.FFP);
  }

  @Test
  void a_reason_goes_only_with_quantity_zero_else_EP_REQUETE_INVALIDE() throws Exception {
    String n = prescription(2, 0);
    assertThat(
            faultOf(
                    () ->
                        client.send(
                            execution(n)
                                .deliver("L1", 1)
                                .withReason(MotifNonDelivrance.REFUS_PATIENT)))
                .getCode())
        .isEqualTo("EP_REQUETE_INVALIDE");
    assertThat(faultOf(() -> client.send(execution(n).deliver("L1", 0))).getCode())
        .as("quantity 0 without a reason")
        .isEqualTo("EP_REQUETE_INVALIDE");
    assertThat(faultOf(() -> client.send(execution(n).deliver("L1", -1))).getCode())
        .isEqualTo("EP_REQUETE_INVALIDE");
    assertThat(faultOf(() -> client.send(execution(n).deliver("L1", 1).deliver("L1", 1))).getCode())
        .as("same line twice in one execution")
        .isEqualTo("EP_REQUETE_INVALIDE");
    assertThat(faultOf(() -> client.send(execution(n))).getCode())
        .as("no line at all")
        .isEqualTo("EP_REQUETE_INVALIDE");
    assertThat(client.send(execution(n).notDelivered("L1", MotifNonDelivrance.REFUS_PATIENT)))
        .isNotNull();
  }

  @Test
  void substitution_on_a_non_substitutable_line_is_refused_with_EP_SUBSTITUTION_INTERDITE()
      throws Exception {
    String n =
        client.createPrescription(
            "{\"lines\":[{\"cip13\":\""
                + CLAMOXYL
                + "\",\"quantity\":2,\"substitutable\":false}]}");
    ErreurEPrescription fault =
        faultOf(
            () ->
                client.send(
                    execution(n).substitute("L1", 1, AMOXICILLINE, "AMOXICILLINE BIOGARAN 1 g")));
    assertThat(fault.getCode()).isEqualTo("EP_SUBSTITUTION_INTERDITE");
    assertThat(fault.getIdLigne()).isEqualTo("L1");
    // the prescribed product itself, named explicitly, is no substitution
    assertThat(client.send(execution(n).substitute("L1", 1, CLAMOXYL, "CLAMOXYL 1 g"))).isNotNull();
  }

  @Test
  void a_line_coded_lpp_is_prescribed_but_any_execution_on_it_is_refused_with_EP_PRODUIT_INCONNU()
      throws Exception {
    String n =
        client.createPrescription(
            "{\"lines\":[{\"lpp\":\"1150130\",\"label\":\"COLLYRE LUBRIFIANT fl 10 ml\",\"quantity\":2},"
                + "{\"cip13\":\""
                + CLAMOXYL
                + "\",\"quantity\":1}]}");
    var lpp = line(client.consult(n), "L1");
    assertThat(lpp.getProduit().getCode()).isEqualTo("1150130");
    assertThat(lpp.getProduit().getSystemeCode()).isEqualTo("1.2.250.1.215.200.2.1");
    ErreurEPrescription fault =
        faultOf(() -> client.send(execution(n).deliver("L1", 1).deliver("L2", 1)));
    assertThat(fault.getCode()).isEqualTo("EP_PRODUIT_INCONNU");
    assertThat(fault.getIdLigne()).isEqualTo("L1");
    assertThat(
            faultOf(
                    () ->
                        client.send(
                            execution(n).notDelivered("L1", MotifNonDelivrance.RUPTURE_STOCK)))
                .getCode())
        .isEqualTo("EP_PRODUIT_INCONNU");
    // the other lines are executed as usual, the LPP line stays as prescribed
    client.send(execution(n).deliver("L2", 1));
    assertThat(line(client.consult(n), "L1").getQuantiteDelivree()).isZero();
    assertThat(line(client.consult(n), "L2").getQuantiteRestante()).isZero();
  }

  @Test
  void substitution_on_a_substitutable_line_is_recorded_with_the_delivered_product()
      throws Exception {
    String n =
        client.createPrescription("{\"lines\":[{\"cip13\":\"" + CLAMOXYL + "\",\"quantity\":2}]}");
    client.send(execution(n).substitute("L1", 2, AMOXICILLINE, "AMOXICILLINE BIOGARAN 1 g"));
    var e = line(client.consult(n), "L1").getExecution().get(0);
    assertThat(e.getProduitDelivre().getCode()).isEqualTo(AMOXICILLINE);
    assertThat(e.getCodeCompletude()).isEqualTo(CodeCompletude.FFC);
  }

  @Test
  void handwritten_mention_is_recorded_as_a_new_fully_delivered_line() throws Exception {
    String n = prescription(2, 0);
    TransmettreExecutionEPrescriptionReponse r =
        client.send(
            execution(n).deliver("L1", 1).handwritten("SERUM PHYSIOLOGIQUE unidoses B/30", 2));
    LignePrescription m1 = line(r.getPrescription(), "M1");
    assertThat(m1.isMentionManuscrite()).isTrue();
    assertThat(m1.getQuantiteDelivree()).isEqualTo(2);
    assertThat(m1.getQuantiteRestante()).isZero();
    assertThat(accepted(r, "M1").getCodeCompletude()).isEqualTo(CodeCompletude.FFC);
    // a handwritten line does not keep the prescription open nor close it on its own
    assertThat(r.getPrescription().getStatut()).isEqualTo(StatutPrescription.PARTIELLE);
    assertThat(faultOf(() -> client.send(execution(n).deliver("M1", 1))).getCode())
        .isEqualTo("EP_QUANTITE_EXCESSIVE");
    assertThat(client.send(execution(n).deliver("L1", 1)).getPrescription().getStatut())
        .isEqualTo(StatutPrescription.CLOTUREE);
  }

  // ------------------------------------------------------------ expiry

  @Test
  void prescription_not_delivered_within_3_months_is_expired_with_EP_PRESCRIPTION_EXPIREE()
      throws Exception {
    LocalDate today = LocalDate.now(SandboxConfig.FRANCE);
    LocalDate lastDay = Seeder.lastDayOfValidity(today);
    String stillValid = client.createPrescription("{\"prescribedOn\":\"" + lastDay + "\"}");
    String expired =
        client.createPrescription("{\"prescribedOn\":\"" + lastDay.minusDays(1) + "\"}");

    assertThat(client.consult(stillValid).getStatut()).isEqualTo(StatutPrescription.OUVERTE);
    assertThat(client.send(execution(stillValid).deliver("L1", 1))).isNotNull();
    assertThat(client.consult(expired).getStatut()).isEqualTo(StatutPrescription.EXPIREE);
    assertThat(faultOf(() -> client.send(execution(expired).deliver("L1", 1))).getCode())
        .isEqualTo("EP_PRESCRIPTION_EXPIREE");
    assertThat(faultOf(() -> client.send(execution(Seeder.EXPIRED).deliver("L1", 1))).getCode())
        .isEqualTo("EP_PRESCRIPTION_EXPIREE");
  }

  // ------------------------------------------------------------ idempotency

  @Test
  void replay_of_the_same_execution_returns_the_first_answer_and_delivers_nothing_twice()
      throws Exception {
    String n = prescription(3, 0);
    SandboxClient.Execution e = execution(n).id("DISP-replay-" + n).deliver("L1", 2);
    TransmettreExecutionEPrescriptionReponse first = client.send(e);
    TransmettreExecutionEPrescriptionReponse replay = client.send(e);

    assertThat(first.isDejaEnregistree()).isFalse();
    assertThat(replay.isDejaEnregistree()).isTrue();
    assertThat(accepted(replay, "L1").getQuantite()).isEqualTo(2);
    assertThat(accepted(replay, "L1").getCodeCompletude()).isEqualTo(CodeCompletude.FFP);
    assertThat(accepted(replay, "L1").getQuantiteRestante()).isEqualTo(1);
    assertThat(line(client.consult(n), "L1").getQuantiteDelivree()).isEqualTo(2);
    assertThat(line(client.consult(n), "L1").getExecution()).hasSize(1);
  }

  @Test
  void replay_of_the_execution_that_closed_the_prescription_still_gets_its_answer()
      throws Exception {
    String n = prescription(1, 0);
    SandboxClient.Execution e = execution(n).deliver("L1", 1);
    client.send(e);
    TransmettreExecutionEPrescriptionReponse replay = client.send(e);
    assertThat(replay.isDejaEnregistree()).isTrue();
    assertThat(replay.getPrescription().getStatut()).isEqualTo(StatutPrescription.CLOTUREE);
  }

  @Test
  void same_execution_id_with_different_content_is_refused_with_EP_EXECUTION_CONFLIT()
      throws Exception {
    String n = prescription(3, 0);
    client.send(execution(n).id("DISP-conflict-" + n).deliver("L1", 1));
    assertThat(
            faultOf(() -> client.send(execution(n).id("DISP-conflict-" + n).deliver("L1", 2)))
                .getCode())
        .isEqualTo("EP_EXECUTION_CONFLIT");
    assertThat(
            faultOf(
                    () ->
                        client.send(
                            execution(n).id("DISP-conflict-" + n).deliver("L1", 1),
                            pharmacieDesArcades()))
                .getCode())
        .as("same content from another pharmacy")
        .isEqualTo("EP_EXECUTION_CONFLIT");
    String other = prescription(3, 0);
    assertThat(
            faultOf(() -> client.send(execution(other).id("DISP-conflict-" + n).deliver("L1", 1)))
                .getCode())
        .as("same id on another prescription")
        .isEqualTo("EP_EXECUTION_CONFLIT");
    assertThat(line(client.consult(n), "L1").getQuantiteDelivree()).isEqualTo(1);
  }

  // ------------------------------------------------------------ who delivered

  @Test
  void colleague_sees_which_pharmacy_delivered_and_what_remains() throws Exception {
    EPrescription p = client.consult(Seeder.PARTIAL_BY_OTHER_PHARMACY);
    assertThat(p.getStatut()).isEqualTo(StatutPrescription.PARTIELLE);
    LignePrescription l1 = line(p, "L1");
    assertThat(l1.getQuantiteDelivree()).isEqualTo(1);
    assertThat(l1.getQuantiteRestante()).isEqualTo(2);
    assertThat(l1.getExecution())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getFiness()).isEqualTo("690100029");
              assertThat(e.getNomPharmacie()).isEqualTo("Pharmacie des Arcades");
              assertThat(e.getRppsPharmacien()).isEqualTo("10100000032");
              assertThat(e.getCodeCompletude()).isEqualTo(CodeCompletude.FFP);
            });

    String n = prescription(2, 0);
    client.send(execution(n).deliver("L1", 1), pharmacieDesArcades());
    var seenByMarche = line(client.consult(n), "L1");
    assertThat(seenByMarche.getExecution())
        .singleElement()
        .satisfies(e -> assertThat(e.getFiness()).isEqualTo(SandboxClient.ARCADES_FINESS));
    assertThat(accepted(client.send(execution(n).deliver("L1", 1)), "L1").getCodeCompletude())
        .isEqualTo(CodeCompletude.RFC);
  }
}
