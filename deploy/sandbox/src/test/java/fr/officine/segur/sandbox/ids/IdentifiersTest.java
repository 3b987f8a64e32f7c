package fr.officine.segur.sandbox.ids;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.seed.SampleParties;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void ins_key_is_97_minus_matricule_mod_97_with_corsica_read_as_19_and_18() {
    assertThat(Identifiers.isIns("275126322074974")).isTrue();
    assertThat(Identifiers.isIns("275126322074975")).isFalse();
    assertThat(Identifiers.isIns("180032B02040123")).as("2B read as 18").isTrue();
    assertThat(Identifiers.isIns("180032A02040123")).isFalse();
    assertThat(Identifiers.isIns("27512632207497")).isFalse();
    // the published HERMANN GATIEN identity carries key 60, which the rule refuses (76 expected)
    assertThat(Identifiers.isIns("181036322045660")).isFalse();
    assertThat(Identifiers.isIns("181036322045676")).isTrue();
    assertThat(SampleParties.PATIENTS).allMatch(p -> Identifiers.isIns(p.ins()));
  }

  @Test
  void rpps_and_finess_pass_luhn() {
    assertThat(Luhn.isValidFiness("690100011")).isTrue();
    assertThat(Luhn.isValidFiness("690100029")).isTrue();
    assertThat(Luhn.isValidFiness("690100012")).isFalse();
    assertThat(Luhn.isValidRpps("10100000016")).isTrue();
    assertThat(Luhn.isValidRpps("10100000017")).isFalse();
    assertThat(Luhn.isValidRpps("1010000001a")).isFalse();
    // an Arabic-Indic two (U+0662) in place of the key 6: Character.isDigit takes it, and its code
    // point read as a digit (1634 - '0') happens to complete the sum; the RPPS is ASCII digits only
    assertThat(Luhn.isValidRpps("1010000001\u0662")).isFalse();
    assertThat(SampleParties.PRESCRIBERS).allMatch(p -> Luhn.isValidRpps(p.rpps()));
  }

  @Test
  void cip13_check_digit_is_ean13() {
    assertThat(Identifiers.isCip13("3400935955838")).isTrue();
    assertThat(Identifiers.isCip13("3400935955837")).isFalse();
    assertThat(Identifiers.isCip13("340093595583")).isFalse();
  }

  @Test
  void logged_ins_keeps_only_first_3_and_last_2_characters() {
    assertThat(Identifiers.maskIns("275126322074974")).isEqualTo("275**********74");
  }

  @Test
  void prescription_number_is_18_upper_case_letters_or_digits() {
    assertThat(Identifiers.isPrescriptionNumber("01S2TBPZ2JCNZZYGHZ")).isTrue();
    assertThat(Identifiers.isPrescriptionNumber("01s2TBPZ2JCNZZYGHZ")).isFalse();
    assertThat(Identifiers.isPrescriptionNumber("01S2TBPZ2JCNZZYGH")).isFalse();
    assertThat(Identifiers.isPrescriptionNumber(null)).isFalse();
  }
}
