package fr.officine.segur.api.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

  // --- RPPS: 11 digits, Luhn
  @ParameterizedTest
  @ValueSource(strings = {"10100000016", "10100000024", "10100000032"})
  void rpps_with_valid_luhn_key_is_accepted(String value) {
    assertThat(Rpps.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10100000017", "10100000061", "20100000016", "10100000106"})
  void rpps_with_one_changed_or_swapped_digit_fails_luhn(String value) {
    assertThatThrownBy(() -> Rpps.of(value))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessage(
            "Numéro RPPS invalide : la clé de contrôle ne correspond pas (erreur de saisie probable).");
  }

  @Test
  void rpps_format_errors_are_precise() {
    assertThatThrownBy(() -> Rpps.of("1010000001"))
        .hasMessage("Numéro RPPS invalide : 11 chiffres attendus, 10 reçus.");
    assertThatThrownBy(() -> Rpps.of("1010000001A"))
        .hasMessage(
            "Numéro RPPS invalide : caractère non autorisé en position 11 (chiffres uniquement).");
    assertThatThrownBy(() -> Rpps.of(null)).hasMessage("Numéro RPPS absent.");
    assertThatThrownBy(() -> Rpps.of("")).hasMessage("Numéro RPPS absent.");
  }

  // --- FINESS: 9 digits, Luhn
  @ParameterizedTest
  @ValueSource(strings = {"690100011", "690100029"})
  void finess_of_the_sandbox_pharmacies_is_valid(String value) {
    assertThat(Finess.of(value).toString()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"690100012", "690100021", "960100011", "690100019"})
  void finess_with_one_changed_or_swapped_digit_fails_luhn(String value) {
    assertThatThrownBy(() -> Finess.of(value))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("clé de contrôle")
        .extracting(e -> ((InvalidIdentifierException) e).kind())
        .isEqualTo(IdentifierKind.FINESS);
  }

  @Test
  void finess_format_errors_are_precise() {
    assertThatThrownBy(() -> Finess.of("6901000111"))
        .hasMessage("Numéro FINESS invalide : 9 chiffres attendus, 10 reçus.");
    assertThatThrownBy(() -> Finess.of("2A0100011")).hasMessageContaining("position 2");
  }

  // --- CIP13: 13 digits, 34..., EAN-13 check digit
  @ParameterizedTest
  @ValueSource(strings = {"3400935955838", "3400933989286"})
  void cip13_of_real_packs_is_accepted(String value) {
    assertThat(Cip13.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3400935955839", "3400935955938", "3400935965838"})
  void cip13_with_one_wrong_digit_fails_ean13_key(String value) {
    assertThatThrownBy(() -> Cip13.of(value)).hasMessageContaining("clé de contrôle");
  }

  @Test
  void cip13_outside_the_34_range_is_refused() {
    // 4006381333931: a valid EAN-13 (check digit right), but not a CIP13.
    assertThatThrownBy(() -> Cip13.of("4006381333931")).hasMessageContaining("commence par 34");
    assertThatThrownBy(() -> Cip13.of("340093595583"))
        .hasMessageContaining("13 chiffres attendus, 12 reçus");
  }

  // --- Prescription number: opaque [0-9A-Z]{18}
  @Test
  void ans_example_prescription_number_is_accepted() {
    assertThat(PrescriptionNumber.of("01S2TBPZ2JCNZZYGHZ").value()).isEqualTo("01S2TBPZ2JCNZZYGHZ");
    assertThat(PrescriptionNumber.isValid("01S2TBPZ2JCNZZYGHZ")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01S2TBPZ2JCNZZYGH", // 17
        "01S2TBPZ2JCNZZYGHZZ", // 19
        "01s2TBPZ2JCNZZYGHZ", // lower case: the factory is strict, normalising is the scanner's job
        "01S2TBPZ2JCNZZYGH-",
        "01S2TBPZ2JCNZZYGH ",
        "01S2TBPZ2JCNZZYGHÉ"
      })
  void prescription_number_with_one_wrong_character_is_refused(String value) {
    assertThat(PrescriptionNumber.isValid(value)).isFalse();
    assertThatThrownBy(() -> PrescriptionNumber.of(value))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageStartingWith("Numéro d'ordonnance numérique invalide : ");
  }

  @Test
  void prescription_number_error_points_at_the_position() {
    assertThatThrownBy(() -> PrescriptionNumber.of("01S2TBPZ2JCNZZYGH-"))
        .hasMessage(
            "Numéro d'ordonnance numérique invalide : caractère non autorisé en position 18"
                + " (lettres majuscules A-Z et chiffres uniquement).");
  }

  // --- Dispensation id
  @Test
  void new_dispensation_ids_are_random_and_round_trip() {
    DispensationId a = DispensationId.newId();
    DispensationId b = DispensationId.newId();
    assertThat(a).isNotEqualTo(b);
    assertThat(DispensationId.parse(a.toString())).isEqualTo(a);
    assertThat(DispensationId.parse(a.toString().toUpperCase())).isEqualTo(a);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1-2-3-4-5",
        "not-a-uuid",
        "6f1c1ab4-4e2b-4c3e-9f1a-0c2d3e4f5a6",
        "6f1c1ab4-4e2b-4c3e-9f1a-0c2d3e4f5a6g"
      })
  void dispensation_id_must_be_a_canonical_uuid(String text) {
    assertThatThrownBy(() -> DispensationId.parse(text))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("UUID de 36 caractères");
  }

  @Test
  void dispensation_id_keeps_the_uuid() {
    UUID uuid = UUID.fromString("6f1c1ab4-4e2b-4c3e-9f1a-0c2d3e4f5a6b");
    assertThat(DispensationId.parse("6f1c1ab4-4e2b-4c3e-9f1a-0c2d3e4f5a6b").value())
        .isEqualTo(uuid);
  }
}
