package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.dispensation.DeliveredProduct;
import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.LineRequest;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.dispensation.IdempotencyStore.StoredAnswer;
import fr.officine.segur.dp.DossierPharmaceutique;
import fr.officine.segur.dp.RecalledLots;
import fr.officine.segur.http.JsonCodec;
import fr.officine.segur.prescription.SoapEPrescriptionBase;
import fr.officine.segur.prescription.soap.StatutPrescription;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.testing.FakeEPrescriptionBase;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The box delivered on a line (its DataMatrix's lot, expiry, serial): stored with the line, an
 * expired box and a recalled lot refused by the server before anything reaches the base. Real H2
 * with the production migrations, real SOAP base on loopback.
 */
class BoxDeliveryTest {
  private static final String PATH = "/api/v1/prescriptions/x/dispensations";

  /** The fake base's product of line L1. */
  private static final String L1_CIP13 = "3400935955830";

  private static final String KARDEGIC = "3400933216146";

  static FakeEPrescriptionBase fake;
  static DispensationStore store;
  static IdempotentDispensations service;
  static RecalledLots recalls;
  static Account titulaire;

  @BeforeAll
  static void setUp() throws Exception {
    fake = new FakeEPrescriptionBase();
    String baseUrl = fake.start();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:box-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    Database db = new Database(h2);
    Accounts accounts = new Accounts(db);
    new SandboxSeed(accounts, new PasswordHasher(), "sandbox").seed();
    titulaire = accounts.find("titulaire").orElseThrow();
    store = new DispensationStore(db);
    recalls = new RecalledLots(db);
    service =
        new IdempotentDispensations(
            new DispensationService(
                store,
                SoapEPrescriptionBase.at(baseUrl + "/eprescription", 30_000, 60_000),
                recalls),
            new DispensationReads(store),
            new IdempotencyStore(db),
            new JsonCodec());
    recalls.remember(
        List.of(
            new DossierPharmaceutique.Alert(
                "RAPPEL",
                L1_CIP13,
                "PRODUIT 1",
                Optional.of("REC-01"),
                LocalDate.now().minusDays(3),
                "Rappel du lot REC-01 : ne plus délivrer."),
            new DossierPharmaceutique.Alert(
                "RAPPEL",
                KARDEGIC,
                "KARDEGIC 75 mg",
                Optional.of("K75-2409"),
                LocalDate.now().minusDays(5),
                "Rappel du lot K75-2409 : ne plus délivrer."),
            new DossierPharmaceutique.Alert(
                "RUPTURE", L1_CIP13, "PRODUIT 1", Optional.empty(), LocalDate.now(), "Rupture.")));
  }

  @AfterAll
  static void tearDown() {
    fake.stop();
  }

  private static String prescription() {
    String number = UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
    fake.add(number, StatutPrescription.OUVERTE, 3);
    return number;
  }

  private static StoredAnswer deliver(String number, LineRequest line) {
    return service.dispense(
        PrescriptionNumber.of(number),
        UUID.randomUUID().toString(),
        new DispensationRequest(List.of(line), List.of(), null, null),
        titulaire,
        AuthMode.INDIRECTE,
        PATH);
  }

  private static void assertRefused(Runnable call, ProblemType type, String detail) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(type);
              assertThat(p.detail()).contains(detail);
              assertThat(p.lineId()).contains("L1");
            });
  }

  @Test
  void lot_expiry_and_serial_of_the_scanned_box_are_stored_with_the_line_and_answered() {
    String expiry = LocalDate.now().plusMonths(8).toString();
    StoredAnswer answer =
        deliver(prescription(), new LineRequest("L1", 1, null, null, "K75-2409", expiry, "SN-42"));

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.body())
        .contains("\"lot\":\"K75-2409\"")
        .contains("\"expiry\":\"" + expiry + "\"")
        .contains("\"serial\":\"SN-42\"");
    Dispensation stored = store.find(answer.dispensationId()).orElseThrow();
    assertThat(stored.lines().get(0).box())
        .isEqualTo(
            new Dispensation.Box(
                Optional.of("K75-2409"),
                Optional.of(LocalDate.parse(expiry)),
                Optional.of("SN-42")));
  }

  @Test
  void a_box_expired_yesterday_is_refused_before_the_base_and_one_expiring_today_is_delivered() {
    String number = prescription();
    int before = fake.executionCalls.get();
    String yesterday = LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(1).toString();

    assertRefused(
        () -> deliver(number, new LineRequest("L1", 1, null, null, "L0", yesterday, null)),
        ProblemType.BOX_EXPIRED,
        "boîte du lot L0 périmée depuis le");
    assertThat(fake.executionCalls.get()).as("nothing sent to the base").isEqualTo(before);

    String today = LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString();
    assertThat(deliver(number, new LineRequest("L1", 1, null, null, "L0", today, null)).status())
        .isEqualTo(201);
  }

  @Test
  void a_recalled_lot_of_the_prescribed_product_is_refused_another_lot_or_product_is_not() {
    String number = prescription();
    int before = fake.executionCalls.get();

    assertRefused(
        () -> deliver(number, new LineRequest("L1", 1, null, null, "REC-01", null, null)),
        ProblemType.BOX_LOT_RECALLED,
        "Rappel du lot REC-01");
    assertThat(fake.executionCalls.get()).as("nothing sent to the base").isEqualTo(before);

    // The same lot number on the box of another product (a substitute) is not that recall.
    DeliveredProduct generic =
        new DeliveredProduct("3400930000014", "PARACETAMOL BIOGARAN 1 g cp B/8");
    assertThat(
            deliver(number, new LineRequest("L1", 1, generic, null, "REC-01", null, null)).status())
        .isEqualTo(201);
    assertThat(deliver(number, new LineRequest("L1", 1, null, null, "REC-02", null, null)).status())
        .isEqualTo(201);
  }

  @Test
  void a_substitute_whose_lot_is_recalled_is_refused() {
    assertRefused(
        () ->
            deliver(
                prescription(),
                new LineRequest(
                    "L1",
                    1,
                    new DeliveredProduct(KARDEGIC, "KARDEGIC 75 mg"),
                    null,
                    "K75-2409",
                    null,
                    null)),
        ProblemType.BOX_LOT_RECALLED,
        "Rappel du lot K75-2409");
  }

  @Test
  void malformed_box_fields_are_refused_with_the_line() {
    String number = prescription();
    assertRefused(
        () -> deliver(number, new LineRequest("L1", 1, null, null, "L".repeat(21), null, null)),
        ProblemType.MALFORMED_REQUEST,
        "Numéro de lot");
    assertRefused(
        () -> deliver(number, new LineRequest("L1", 1, null, null, "L{1}", null, null)),
        ProblemType.MALFORMED_REQUEST,
        "Numéro de lot");
    assertRefused(
        () -> deliver(number, new LineRequest("L1", 1, null, null, null, "31/05/2027", null)),
        ProblemType.MALFORMED_REQUEST,
        "AAAA-MM-JJ");
    assertRefused(
        () -> deliver(number, new LineRequest("L1", 1, null, null, null, null, "S\u0000")),
        ProblemType.MALFORMED_REQUEST,
        "Numéro de série");
    assertRefused(
        () -> deliver(number, new LineRequest("L1", 0, null, "RUPTURE_STOCK", "L1", null, null)),
        ProblemType.MALFORMED_REQUEST,
        "non délivrée");
  }
}
