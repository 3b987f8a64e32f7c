package fr.officine.segur.prescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.prescription.soap.StatutPrescription;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.testing.FakeEPrescriptionBase;
import fr.officine.segur.trust.CallerContext;
import java.net.ServerSocket;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The module's SOAP client against a real JAX-WS endpoint on a loopback port. */
class SoapEPrescriptionBaseTest {
  static final CallerContext MARCHE =
      new CallerContext(
          "690100011", "Pharmacie du Marché", Optional.of("10100000016"), "Claire MARTIN");

  static FakeEPrescriptionBase fake;
  static String url;
  static SoapEPrescriptionBase client;

  @BeforeAll
  static void publish() throws Exception {
    fake = new FakeEPrescriptionBase();
    url = fake.start();
    // Generous timeouts: on a busy machine a 1.5 s read timeout turned a fault's answer into
    // "unavailable" (issue 11 §10). Only the read-timeout test uses an impatient client, against
    // a base that holds its answer until released.
    client = SoapEPrescriptionBase.at(url + "/eprescription", 30_000, 60_000);
  }

  @AfterAll
  static void unpublish() {
    fake.stop();
  }

  @ParameterizedTest
  @CsvSource({"OUVERTE,OPEN", "PARTIELLE,PARTIAL", "CLOTUREE,COMPLETE", "EXPIREE,EXPIRED"})
  void base_statuses_become_api_statuses(StatutPrescription statut, PrescriptionStatus expected) {
    String number = "STATUS" + statut.name().substring(0, 4) + "00000000";
    fake.add(number, statut, 2);

    Prescription p = client.consult(PrescriptionNumber.of(number), MARCHE);

    assertThat(p.status()).isEqualTo(expected);
    assertThat(p.lines())
        .singleElement()
        .satisfies(l -> assertThat(l.remainingQuantity()).isEqualTo(2));
  }

  @Test
  void the_acting_pharmacy_is_named_in_the_lps_context_header() {
    fake.add("CONTEXT00000000001", StatutPrescription.OUVERTE, 1);
    fake.contexts.clear();

    client.consult(PrescriptionNumber.of("CONTEXT00000000001"), MARCHE);

    assertThat(fake.contexts)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getFiness()).isEqualTo("690100011");
              assertThat(c.getNomStructure()).isEqualTo("Pharmacie du Marché");
              assertThat(c.getRppsPS()).isEqualTo("10100000016");
            });
  }

  @Test
  void a_colleagues_delivery_is_shown_with_its_pharmacy_and_not_as_ours() {
    fake.add("COLLEAGUE000000001", StatutPrescription.PARTIELLE, 3);
    fake.addExecution("COLLEAGUE000000001", "L1", "690100029", "Pharmacie des Arcades", 1);

    Prescription p = client.consult(PrescriptionNumber.of("COLLEAGUE000000001"), MARCHE);
    var view = PrescriptionViews.view(p, "690100011");

    var delivery = view.lines().get(0).deliveries().get(0);
    assertThat(delivery.pharmacyName()).isEqualTo("Pharmacie des Arcades");
    assertThat(delivery.ownPharmacy()).isFalse();
    assertThat(view.lines().get(0).remainingQuantity()).isEqualTo(2);
    assertThat(
            PrescriptionViews.view(p, "690100029").lines().get(0).deliveries().get(0).ownPharmacy())
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "EP_NUMERO_INCONNU,PRESCRIPTION_NOT_FOUND,404",
    "EP_NUMERO_INVALIDE,INVALID_IDENTIFIER,422",
    "EP_PRESCRIPTION_EXPIREE,PRESCRIPTION_EXPIRED,409",
    "EP_PRESCRIPTION_CLOTUREE,PRESCRIPTION_CLOSED,409",
    "EP_QUANTITE_EXCESSIVE,OVER_DELIVERY,409",
    "EP_SUBSTITUTION_INTERDITE,SUBSTITUTION_FORBIDDEN,409",
    "EP_LIGNE_INCONNUE,UNKNOWN_LINE,422",
    "EP_EXECUTION_CONFLIT,EXECUTION_CONFLICT,409",
    "EP_SERVICE_INDISPONIBLE,EPRESCRIPTION_UNAVAILABLE,503",
    "EP_CONTEXTE_INVALIDE,EPRESCRIPTION_REFUSED,502",
    "EP_CODE_FROM_A_LATER_VERSION,EPRESCRIPTION_REFUSED,502"
  })
  void each_fault_of_the_base_is_one_problem_of_the_catalogue(
      String code, ProblemType expected, int status) {
    fake.add("FAULTS000000000001", StatutPrescription.OUVERTE, 1);
    fake.failNextWith(code, "L1");

    assertThatThrownBy(() -> client.recordExecution(order("FAULTS000000000001", "L1", 1), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(expected);
              assertThat(p.type().status()).isEqualTo(status);
              assertThat(p.lineId()).contains("L1");
            });
  }

  @Test
  void over_delivery_names_the_line_at_fault() {
    fake.add("OVERDELIVERY000001", StatutPrescription.OUVERTE, 2, 1);

    assertThatThrownBy(() -> client.recordExecution(order("OVERDELIVERY000001", "L2", 2), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.OVER_DELIVERY);
              assertThat(p.lineId()).contains("L2");
            });
  }

  @Test
  void an_accepted_execution_gives_completeness_codes_and_what_remains() {
    fake.add("ACCEPTED0000000001", StatutPrescription.OUVERTE, 3);

    ExecutionOutcome outcome = client.recordExecution(order("ACCEPTED0000000001", "L1", 1), MARCHE);

    assertThat(outcome.alreadyRecorded()).isFalse();
    assertThat(outcome.acceptedLines())
        .containsExactly(new ExecutionOutcome.AcceptedLine("L1", 1, "FFP", 2));
    assertThat(outcome.prescription().status()).isEqualTo(PrescriptionStatus.PARTIAL);
  }

  @Test
  void a_refused_connection_is_an_unavailable_base() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    SoapEPrescriptionBase nowhere =
        SoapEPrescriptionBase.at("http://127.0.0.1:" + closedPort + "/eprescription", 500, 500);

    assertUnavailable(() -> nowhere.consult(PrescriptionNumber.of("NOWHERE00000000001"), MARCHE));
  }

  @Test
  void an_http_503_is_an_unavailable_base() {
    SoapEPrescriptionBase maintenance =
        SoapEPrescriptionBase.at(url + "/unavailable", 30_000, 60_000);

    assertUnavailable(
        () -> maintenance.consult(PrescriptionNumber.of("MAINTENANCE0000001"), MARCHE));
  }

  /**
   * The base holds its answer until the test releases it: the client gives up at its read timeout
   * while the base has still not answered (no elapsed-time assertion: issue 11 #10).
   */
  @Test
  void a_base_slower_than_the_read_timeout_is_unavailable_without_waiting_for_it() {
    fake.add("SLOW00000000000001", StatutPrescription.OUVERTE, 1);
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    fake.holdConsult = held;
    try {
      int answered = fake.consultsAnswered.get();
      SoapEPrescriptionBase impatient =
          SoapEPrescriptionBase.at(url + "/eprescription", 30_000, 1500);
      assertReach(
          () -> impatient.consult(PrescriptionNumber.of("SLOW00000000000001"), MARCHE),
          BaseNoAnswer.Reach.MAYBE_REACHED);
      assertThat(fake.consultsAnswered.get())
          .as("the base had not answered yet")
          .isEqualTo(answered);
    } finally {
      fake.holdConsult = null;
      held.countDown();
    }
  }

  /** Issue 10 §1: the two ways of getting no answer, told apart at the border. */
  @Test
  void a_refused_connection_never_reached_the_base() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    SoapEPrescriptionBase nowhere =
        SoapEPrescriptionBase.at("http://127.0.0.1:" + closedPort + "/eprescription", 500, 500);
    assertReach(
        () -> nowhere.recordExecution(order("NOWHERE00000000001", "L1", 1), MARCHE),
        BaseNoAnswer.Reach.NOT_REACHED);
  }

  @Test
  void an_http_503_never_reached_the_base() {
    SoapEPrescriptionBase maintenance =
        SoapEPrescriptionBase.at(url + "/unavailable", 30_000, 60_000);
    assertReach(
        () -> maintenance.recordExecution(order("MAINTENANCE0000001", "L1", 1), MARCHE),
        BaseNoAnswer.Reach.NOT_REACHED);
  }

  @Test
  void the_bases_own_unavailable_fault_never_reached_it() {
    fake.failNextWith("EP_SERVICE_INDISPONIBLE", null);
    assertReach(
        () -> client.consult(PrescriptionNumber.of("ANY000000000000001"), MARCHE),
        BaseNoAnswer.Reach.NOT_REACHED);
  }

  private static void assertReach(Runnable call, BaseNoAnswer.Reach reach) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            BaseNoAnswer.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.EPRESCRIPTION_UNAVAILABLE);
              assertThat(p.reach()).isEqualTo(reach);
            });
  }

  private static void assertUnavailable(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.EPRESCRIPTION_UNAVAILABLE));
  }

  static ExecutionOrder order(String number, String lineId, int quantity) {
    return new ExecutionOrder(
        DispensationId.newId(),
        PrescriptionNumber.of(number),
        OffsetDateTime.now(),
        List.of(
            new ExecutionOrder.ExecutedLine(lineId, quantity, Optional.empty(), Optional.empty())),
        List.of());
  }
}
