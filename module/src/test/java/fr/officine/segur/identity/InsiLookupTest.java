package fr.officine.segur.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.id.InsType;
import fr.officine.segur.api.identity.InsiLookupRequest;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.CallerContext;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lookup strategy and the INSi client through real SOAP 1.2 on a loopback port (a FakeInsi
 * implementing the SEI generated from the public WSDL).
 */
class InsiLookupTest {
  static final CallerContext MARCHE =
      new CallerContext(
          "690100011", "Pharmacie du Marché", Optional.of("10100000016"), "Claire MARTIN");
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  static FakeInsi fake;
  static String fakeUrl;
  static InsiLookup lookup;

  @BeforeAll
  static void publish() throws Exception {
    fake = new FakeInsi();
    fakeUrl = fake.start();
    // generous: the machine running the tests may be loaded; the timeout test has its own client
    lookup = new InsiLookup(SoapInsi.at(fakeUrl, 5000, 15000, "OFFICINE-SEGUR-SBX"));
  }

  @AfterAll
  static void unpublish() {
    fake.stop();
  }

  @BeforeEach
  void clean() {
    fake.reset();
  }

  static InsiQuery query(String name, String sex, String birthDate, String... firstNames) {
    return InsiQuery.of(
        new InsiLookupRequest(name, List.of(firstNames), sex, birthDate, null), TODAY);
  }

  @Test
  void the_first_first_name_answering_00_ends_the_lookup_after_one_query() {
    fake.answer(
        "ECETINSI",
        "PIERRE-ALAIN",
        FakeInsi.found(
            "1090763220834",
            "89",
            "ECETINSI",
            "PIERRE-ALAIN MURIEL FLORIANT",
            "M",
            "2009-07-14",
            "63220"));

    InsiLookup.Outcome out =
        lookup.lookup(
            query("Ecetinsi", "M", "2009-07-14", "Pierre-Alain", "Muriel", "Floriant"), MARCHE);

    assertThat(out.answer().code()).isEqualTo(InsiAnswer.Code.FOUND);
    assertThat(out.queries()).isEqualTo(1);
    RetrievedIdentity id = out.answer().identity().orElseThrow();
    assertThat(id.ins().number()).isEqualTo("109076322083489");
    assertThat(id.ins().type()).isEqualTo(InsType.NIR);
    assertThat(id.firstNames()).containsExactly("PIERRE-ALAIN", "MURIEL", "FLORIANT");
    assertThat(fake.requests)
        .singleElement()
        .satisfies(r -> assertThat(r.traits().getPrenom()).containsExactly("PIERRE-ALAIN"));
  }

  @Test
  void each_first_name_is_tried_alone_in_order_then_the_full_list_and_01_when_none_answers() {
    InsiLookup.Outcome out =
        lookup.lookup(query("HOUILLES", "M", "1993-01-27", "PIERRE", "PAUL", "JACQUES"), MARCHE);

    assertThat(out.answer().code()).isEqualTo(InsiAnswer.Code.NOT_FOUND);
    assertThat(out.answer().identity()).isEmpty();
    assertThat(out.queries()).isEqualTo(4);
    assertThat(fake.requests)
        .extracting(r -> r.traits().getPrenom())
        .containsExactly(
            List.of("PIERRE"), List.of("PAUL"), List.of("JACQUES"), List.of("PIERRE PAUL JACQUES"));
  }

  @Test
  void a_wrong_first_name_then_the_right_one_stops_at_the_second_query() {
    fake.answer(
        "TCHITCHI",
        "CATARINA",
        FakeInsi.found(
            "2360663220836", "56", "TCHITCHI", "CATARINA BELLA", "F", "1936-06-21", "63220"));

    InsiLookup.Outcome out =
        lookup.lookup(query("TCHITCHI", "F", "1936-06-21", "OLA", "CATARINA"), MARCHE);

    assertThat(out.answer().code()).isEqualTo(InsiAnswer.Code.FOUND);
    assertThat(out.queries()).isEqualTo(2);
    assertThat(out.answer().identity().orElseThrow().firstNames())
        .containsExactly("CATARINA", "BELLA");
  }

  @Test
  void several_candidates_on_any_attempt_make_the_answer_02() {
    fake.answer("HOMONYME", "CAMILLE", FakeInsi.code("02", "Plusieurs identites trouvees"));

    InsiLookup.Outcome out =
        lookup.lookup(query("HOMONYME", "F", "1985-05-15", "CAMILLE", "JEANNE"), MARCHE);

    assertThat(out.answer().code()).isEqualTo(InsiAnswer.Code.SEVERAL);
    assertThat(out.queries()).isEqualTo(3);
  }

  @Test
  void a_technical_error_stops_the_lookup_at_once_as_insi_unavailable() {
    fake.faults.put(
        FakeInsi.key("HOUILLES", "PAUL"),
        FakeInsi.fault(false, "siram_40", null, "Le service est momentanément indisponible."));

    assertThatThrownBy(
            () ->
                lookup.lookup(
                    query("HOUILLES", "M", "1993-01-27", "PIERRE", "PAUL", "JACQUES"), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.INSI_UNAVAILABLE));
    // PIERRE then PAUL, then nothing: neither JACQUES nor the full list. Compared by first names,
    // because under load the JDK's HTTP client may re-send the same POST on a dropped connection;
    // and only this patient's, because a previous test's late request (the read-timeout test's ZOE,
    // answered after its client gave up) can land after the reset on a busy machine.
    assertThat(
            fake.requests.stream()
                .filter(r -> "HOUILLES".equals(r.traits().getNomNaissance()))
                .map(r -> String.join(" ", r.traits().getPrenom()))
                .distinct())
        .containsExactly("PIERRE", "PAUL");
  }

  @Test
  void a_refusal_with_a_desir_code_is_insi_refused_with_the_code_in_the_detail() {
    fake.faults.put(
        FakeInsi.key("ADRUN", "ZOE"),
        FakeInsi.fault(
            true, "siram_100", "desir_550", "Numéro d'autorisation du logiciel inconnu."));

    assertThatThrownBy(() -> lookup.lookup(query("ADRUN", "F", "1975-12-31", "ZOE"), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.INSI_REFUSED);
              assertThat(p.detail())
                  .contains("[desir_550]")
                  .contains("Numéro d'autorisation du logiciel inconnu.");
            });
  }

  @Test
  void no_answer_within_the_read_timeout_is_insi_unavailable() {
    fake.delayMs = 2000;
    InsiLookup impatient = new InsiLookup(SoapInsi.at(fakeUrl, 5000, 300, "OFFICINE-SEGUR-SBX"));
    assertThatThrownBy(() -> impatient.lookup(query("ADRUN", "F", "1975-12-31", "ZOE"), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.INSI_UNAVAILABLE));
  }

  @Test
  void nothing_listening_is_insi_unavailable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    InsiLookup nowhere =
        new InsiLookup(SoapInsi.at("http://127.0.0.1:" + closed + "/insi", 500, 500, "X"));
    assertThatThrownBy(() -> nowhere.lookup(query("ADRUN", "F", "1975-12-31", "ZOE"), MARCHE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.INSI_UNAVAILABLE));
  }

  @Test
  void every_call_carries_the_lps_and_bam_contexts_the_message_id_and_the_action() {
    lookup.lookup(query("ADRUN", "F", "1975-12-31", "ZOE"), MARCHE);

    FakeInsi.Request r = fake.requests.get(0);
    assertThat(r.lps().getNature()).isEqualTo("CTXLPS");
    assertThat(r.lps().getVersion()).isEqualTo("01_00");
    assertThat(r.lps().getEmetteur()).isEqualTo("690100011");
    assertThat(r.lps().getTemps()).isNotNull();
    assertThat(r.lps().getLPS().getIDAM().getR()).isEqualTo("4");
    assertThat(r.lps().getLPS().getIDAM().getValue()).isEqualTo("OFFICINE-SEGUR-SBX");
    assertThat(r.lps().getLPS().getNom()).isEqualTo("urn:lps:OFFICINE-SEGUR:0.1.0");
    assertThat(r.lps().getLPS().getInstance()).hasSize(36);
    assertThat(r.bam().getVersion()).isEqualTo("01_02");
    assertThat(r.bam().getCOUVERTURE()).isNotNull();
    assertThat(r.messageId()).isEqualTo("uuid:" + r.lps().getId());
    assertThat(r.headers()).contains(new QName("http://www.w3.org/2005/08/addressing", "Action"));
    assertThat(r.traits().getNomNaissance()).isEqualTo("ADRUN");
    assertThat(r.traits().getSexe()).isEqualTo("F");
    assertThat(r.traits().getDateNaissance()).isEqualTo("1975-12-31");
    assertThat(r.traits().getLieuNaissance()).isNull();
  }

  @Test
  void an_ins_insi_returns_is_taken_as_is_even_with_an_inconsistent_key_and_its_history_kept() {
    fake.answer(
        "HERMANN",
        "GATIEN",
        FakeInsi.found(
            "1810363220456",
            "60",
            "HERMANN",
            "GATIEN",
            "M",
            "1981-03-24",
            "63220",
            "1810363220456",
            "60",
            "2810363220456",
            "10"));

    RetrievedIdentity id =
        lookup
            .lookup(query("HERMANN", "M", "1981-03-24", "GATIEN"), MARCHE)
            .answer()
            .identity()
            .orElseThrow();

    assertThat(id.ins().number()).isEqualTo("181036322045660");
    assertThat(id.ins().hasConsistentKey()).isFalse();
    assertThat(id.history())
        .extracting(i -> i.number())
        .containsExactly("181036322045660", "281036322045610");
  }

  @Test
  void a_carte_vitale_read_is_one_call_with_its_own_action_and_the_beneficiary_matricule() {
    fake.vitaleAnswers.put(
        "2751263220749",
        FakeInsi.found("2751263220749", "74", "ADRUN", "ZOE", "F", "1975-12-31", "63220"));
    SoapInsi insi = SoapInsi.at(fakeUrl, 5000, 15000, "OFFICINE-SEGUR-SBX");

    InsiAnswer answer =
        insi.searchByCarteVitale(
            new CarteVitaleBeneficiary(
                "2751263220749", Optional.of("74"), Optional.empty(), "ADRUN", "1975-12-31", "1"),
            MARCHE);

    assertThat(answer.identity().orElseThrow().ins().number()).isEqualTo("275126322074974");
    assertThat(fake.vitaleRequests)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.beneficiary().getMatriculeIndividu().getCle()).isEqualTo("74");
              assertThat(r.beneficiary().getRangNaissance()).isEqualTo("1");
              assertThat(r.beneficiary().getMatriculeOD()).isNull();
              assertThat(r.lps().getLPS().getIDAM().getValue()).isEqualTo("OFFICINE-SEGUR-SBX");
            });
    assertThat(fake.requests).isEmpty();
    assertThat(
            insi.searchByCarteVitale(
                    new CarteVitaleBeneficiary(
                        "1990199000001",
                        Optional.empty(),
                        Optional.of("2751263220749"),
                        "X",
                        "2019-01-00",
                        "1"),
                    MARCHE)
                .code())
        .isEqualTo(InsiAnswer.Code.NOT_FOUND);
  }
}
