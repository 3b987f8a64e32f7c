package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.dispensation.DeliveredProduct;
import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.HandwrittenLineRequest;
import fr.officine.segur.api.dispensation.LineRequest;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DispensationRequestsTest {
  static final PrescriptionNumber NUMBER = PrescriptionNumber.of("01S2TBPZ2JCNZZYGHZ");
  static final LineRequest L1 = new LineRequest("L1", 1, null, null);
  static final LineRequest L2 =
      new LineRequest("L2", 2, new DeliveredProduct("3400930000007", "GENERIQUE"), null);

  static DispensationRequest request(List<LineRequest> lines, List<HandwrittenLineRequest> hw) {
    return new DispensationRequest(lines, hw, null, null);
  }

  @Test
  void the_order_of_prescribed_lines_does_not_change_the_fingerprint() {
    assertThat(DispensationRequests.fingerprint(NUMBER, request(List.of(L1, L2), null)))
        .isEqualTo(DispensationRequests.fingerprint(NUMBER, request(List.of(L2, L1), null)));
  }

  @Test
  void absent_and_empty_lists_are_the_same_request() {
    assertThat(DispensationRequests.fingerprint(NUMBER, request(List.of(L1), null)))
        .isEqualTo(DispensationRequests.fingerprint(NUMBER, request(List.of(L1), List.of())));
  }

  @Test
  void any_change_of_quantity_product_reason_number_or_handwritten_line_changes_it() {
    String base = DispensationRequests.fingerprint(NUMBER, request(List.of(L1), null));
    assertThat(
            DispensationRequests.fingerprint(
                NUMBER, request(List.of(new LineRequest("L1", 2, null, null)), null)))
        .isNotEqualTo(base);
    assertThat(
            DispensationRequests.fingerprint(
                PrescriptionNumber.of("01S2TBPZ2JCNZZYGH0"), request(List.of(L1), null)))
        .isNotEqualTo(base);
    assertThat(
            DispensationRequests.fingerprint(
                NUMBER,
                request(
                    List.of(new LineRequest("L1", 1, new DeliveredProduct(null, "X"), null)),
                    null)))
        .isNotEqualTo(base);
    assertThat(
            DispensationRequests.fingerprint(
                NUMBER,
                request(List.of(L1), List.of(new HandwrittenLineRequest(null, "SERUM", 1)))))
        .isNotEqualTo(base);
  }

  @Test
  void field_boundaries_cannot_be_shifted_to_forge_the_same_fingerprint() {
    var a = request(List.of(), List.of(new HandwrittenLineRequest("12", "3", 1)));
    var b = request(List.of(), List.of(new HandwrittenLineRequest("1", "23", 1)));
    var c = request(List.of(), List.of(new HandwrittenLineRequest(null, "-", 1)));
    var d = request(List.of(), List.of(new HandwrittenLineRequest("-", "-", 1)));

    assertThat(DispensationRequests.fingerprint(NUMBER, a))
        .isNotEqualTo(DispensationRequests.fingerprint(NUMBER, b));
    assertThat(DispensationRequests.fingerprint(NUMBER, c))
        .isNotEqualTo(DispensationRequests.fingerprint(NUMBER, d));
  }

  @Test
  void a_request_with_no_line_at_all_is_malformed() {
    assertMalformed(request(List.of(), List.of()), null);
    assertMalformed(request(null, null), null);
    assertMalformed(null, null);
  }

  @Test
  void a_handwritten_line_alone_is_a_valid_dispensation() {
    DispensationRequests.validate(
        request(null, List.of(new HandwrittenLineRequest(null, "SERUM PHY", 1))));
  }

  @Test
  void a_negative_quantity_is_refused_with_its_line() {
    assertMalformed(request(List.of(new LineRequest("L7", -1, null, null)), null), "L7");
  }

  @Test
  void the_same_line_twice_is_refused() {
    assertMalformed(
        request(List.of(L1, new LineRequest("L1", 0, null, "RUPTURE_STOCK")), null), "L1");
  }

  @Test
  void a_not_delivered_reason_comes_from_the_closed_list_and_only_with_quantity_zero() {
    DispensationRequests.validate(
        request(List.of(new LineRequest("L1", 0, null, "RUPTURE_STOCK")), null));
    assertMalformed(request(List.of(new LineRequest("L1", 0, null, "PLUS_ENVIE")), null), "L1");
    assertMalformed(request(List.of(new LineRequest("L1", 0, null, "rupture_stock")), null), "L1");
    assertMalformed(request(List.of(new LineRequest("L1", 1, null, "RUPTURE_STOCK")), null), "L1");
  }

  @Test
  void a_line_without_id_or_a_handwritten_line_without_label_or_quantity_is_refused() {
    assertMalformed(request(List.of(new LineRequest(" ", 1, null, null)), null), null);
    assertMalformed(request(null, List.of(new HandwrittenLineRequest(null, " ", 1))), null);
    assertMalformed(request(null, List.of(new HandwrittenLineRequest(null, "SERUM", 0))), null);
  }

  @Test
  void a_substituted_or_handwritten_cip13_with_a_wrong_key_is_refused_before_the_base() {
    var badKey = new LineRequest("L3", 1, new DeliveredProduct("3400930000000", "GENERIQUE"), null);
    assertThatThrownBy(() -> DispensationRequests.validate(request(List.of(badKey), null)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.INVALID_IDENTIFIER);
              assertThat(p.lineId()).contains("L3");
            });
    assertThatThrownBy(
            () ->
                DispensationRequests.validate(
                    request(
                        null, List.of(new HandwrittenLineRequest("3400933989490", "SERUM", 1)))))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.INVALID_IDENTIFIER));
    DispensationRequests.validate(
        request(null, List.of(new HandwrittenLineRequest("3400933989491", "SERUM", 1))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "0b9d3a0c-5a43-4c59-9c43-2f0b7c6f9f10", "lgo:counter-2:000123"})
  void printable_keys_of_1_to_100_characters_are_accepted(String key) {
    assertThat(DispensationRequests.idempotencyKey(key)).isEqualTo(key);
  }

  @Test
  void a_missing_empty_too_long_or_non_printable_key_is_refused() {
    for (String bad :
        new String[] {
          null, "", " ", "x".repeat(101), "tab\there", "é", "line\nbreak", "trailing "
        }) {
      assertThatThrownBy(() -> DispensationRequests.idempotencyKey(bad))
          .as(String.valueOf(bad))
          .isInstanceOfSatisfying(
              ProblemException.class,
              p -> assertThat(p.type()).isEqualTo(ProblemType.IDEMPOTENCY_KEY_REQUIRED));
    }
    assertThat(DispensationRequests.idempotencyKey("x".repeat(100))).hasSize(100);
  }

  static void assertMalformed(DispensationRequest request, String lineId) {
    assertThatThrownBy(() -> DispensationRequests.validate(request))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
              assertThat(p.lineId().orElse(null)).isEqualTo(lineId);
            });
  }
}
