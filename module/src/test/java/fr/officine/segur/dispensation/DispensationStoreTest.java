package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 14 review: a page of the list is read in a few queries, whole and in its order. */
class DispensationStoreTest {
  static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 2, 9, 30, 0, 0, ZoneOffset.UTC);

  DispensationStore store;

  @BeforeEach
  void database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    Database db = new Database(h2);
    new SandboxSeed(new Accounts(db), new PasswordHasher(), "sandbox").seed();
    store = new DispensationStore(db);
  }

  @Test
  void a_page_of_dispensations_is_read_whole_and_in_the_order_of_its_ids() {
    Dispensation first =
        store.insert(
            dispensation(
                "SBXSTOREPAGE000001",
                List.of(delivered("L1", 2), delivered("L2", 1)),
                List.of(new Dispensation.HandwrittenLine("3400930000014", "BISEPTINE", 1)),
                List.of()));
    Dispensation second =
        store.insert(
            dispensation(
                "SBXSTOREPAGE000002",
                List.of(delivered("L1", 1)),
                List.of(),
                List.of(
                    new Dispensation.UnknownProductLine(
                        "L2", 1, "6543210", "LPP", "Bas de contention"))));
    Dispensation third =
        store.insert(dispensation("SBXSTOREPAGE000003", List.of(), List.of(), List.of()));

    List<Dispensation> page =
        store.findAll(List.of(third.id(), first.id(), DispensationId.newId(), second.id()));

    assertThat(page)
        .extracting(Dispensation::id)
        .containsExactly(third.id(), first.id(), second.id());
    assertThat(page.get(1).lines())
        .extracting(Dispensation.Line::lineId)
        .containsExactly("L1", "L2");
    assertThat(page.get(1).handwrittenLines()).isEqualTo(first.handwrittenLines());
    assertThat(page.get(2).unknownProductLines()).isEqualTo(second.unknownProductLines());
    assertThat(page.get(0).lines()).isEmpty();
    assertThat(page)
        .containsExactly(
            store.find(third.id()).orElseThrow(),
            store.find(first.id()).orElseThrow(),
            store.find(second.id()).orElseThrow());
    assertThat(store.findAll(List.of())).isEmpty();
  }

  static Dispensation.Line delivered(String lineId, int quantity) {
    return new Dispensation.Line(
        lineId,
        quantity,
        Optional.empty(),
        Optional.empty(),
        Optional.of(new Dispensation.Accepted(quantity, "FFC", 0)));
  }

  static Dispensation dispensation(
      String number,
      List<Dispensation.Line> lines,
      List<Dispensation.HandwrittenLine> handwritten,
      List<Dispensation.UnknownProductLine> unknown) {
    return new Dispensation(
        DispensationId.newId(),
        PrescriptionNumber.of(number),
        "690100011",
        "Pharmacie du Marché",
        "titulaire",
        Optional.of("10100000016"),
        "Claire MARTIN",
        AuthMode.INDIRECTE,
        DispensationStatus.RECORDED,
        AT,
        1,
        Optional.of(AT),
        Optional.of("PARTIELLEMENT_DELIVREE"),
        Optional.empty(),
        lines,
        handwritten,
        unknown);
  }
}
