package fr.officine.segur.dmp.document;

import static fr.officine.segur.dmp.document.DispensationSamples.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.dmp.document.DispensationDocumentData.Completeness;
import fr.officine.segur.dmp.document.DispensationDocumentData.DocumentIds;
import fr.officine.segur.dmp.document.DispensationDocumentData.Line;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The document data refuses what would make a wrong or invalid document, before any XML exists. */
class DispensationDocumentDataTest {

  @Test
  void a_preparateur_cannot_be_the_responsible_pharmacist() {
    DispensationDocumentData good = DispensationSamples.knownGood();
    assertThatThrownBy(
            () ->
                new DispensationDocumentData(
                    good.ids(),
                    good.dispensedAt(),
                    good.pharmacy(),
                    good.dispenser(),
                    DispensationSamples.PREPARATRICE,
                    good.patient(),
                    good.prescriber(),
                    good.prescriptionNumber(),
                    good.lines(),
                    good.otherLinesRemaining()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pharmacist with an RPPS");
  }

  @Test
  void a_document_with_nothing_delivered_is_refused() {
    // eDISP-MED needs at least one supply entry; a dispensation that delivered nothing has no
    // document.
    Line none =
        Line.notDelivered(
            "L1", product("3400935955838", "DOLIPRANE"), NotDeliveredReason.REFUS_PATIENT, 2);
    assertThatThrownBy(() -> DispensationSamples.withLines(List.of(none)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one delivered line");
  }

  @Test
  void a_line_not_delivered_needs_its_reason() {
    assertThatThrownBy(
            () ->
                new Line(
                    Optional.of("L1"),
                    product("3400935955838", "DOLIPRANE"),
                    0,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has a reason");
  }

  @Test
  void a_delivered_line_needs_its_completeness_code() {
    assertThatThrownBy(
            () ->
                new Line(
                    Optional.of("L1"),
                    product("3400935955838", "DOLIPRANE"),
                    1,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("completeness");
  }

  @Test
  void a_cip13_with_a_wrong_check_digit_never_reaches_a_document() {
    assertThatThrownBy(() -> Cip13.of("3400935955839"))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void xds_unique_id_is_root_caret_extension_or_root_alone() {
    assertThat(DocumentIds.firstVersion("1.2.3", "X1").xdsUniqueId()).isEqualTo("1.2.3^X1");
    assertThat(
            new DocumentIds("1.2.3.4", Optional.empty(), "1.2.3.4", Optional.empty(), 1)
                .xdsUniqueId())
        .isEqualTo("1.2.3.4");
  }

  @Test
  void the_delivered_product_of_a_substituted_line_is_the_substitute() {
    Line line =
        Line.substituted(
            "L2",
            product("3400934998331", "CLAMOXYL"),
            product("3400936404250", "AMOXICILLINE BIOGARAN"),
            1,
            Completeness.FFP,
            1);
    assertThat(line.deliveredProduct().cip13().orElseThrow().value()).isEqualTo("3400936404250");
  }
}
