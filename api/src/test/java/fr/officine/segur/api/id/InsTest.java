package fr.officine.segur.api.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InsTest {

  // DOMAIN-FACTS §3.1/§3.4: CNAM INSi test identities and ANS CDA examples, all with consistent
  // keys.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "275126322074974", // ADRUN ZOE
        "180032B02040123", // CORSE ANTHONY (Haute-Corse, 2B -> 18)
        "109076322083489", // ECETINSI PIERRE-ALAIN
        "236066322083656", // TCHITCHI CATARINA
        "110086322083060", // NESSI MICHELANGELO
        "277076322082910", // NESSI RUTH ISABELLE (ANS CDA example)
        "279035121518989" // PAT-TROIS DOMINIQUE (ANS CDA example)
      })
  void typed_ins_with_consistent_key_is_accepted(String typed) {
    Ins ins = Ins.parse(typed);
    assertThat(ins.number()).isEqualTo(typed);
    assertThat(ins.matricule()).isEqualTo(typed.substring(0, 13));
    assertThat(ins.key()).isEqualTo(typed.substring(13));
    assertThat(ins.oid()).isEqualTo("1.2.250.1.213.1.4.8");
  }

  @Test
  void corse_du_sud_2A_counts_as_19_in_the_key() {
    // 1800319020401 mod 97 = 4 -> key 93; with 2A read as 20 the key would differ.
    assertThat(Ins.keyOf("180032A020401")).isEqualTo("93");
    assertThat(Ins.parse("180032A02040193").matricule()).isEqualTo("180032A020401");
    assertThat(Ins.parse("180032a02040193").matricule()).isEqualTo("180032A020401");
  }

  @Test
  void haute_corse_2B_counts_as_18_in_the_key() {
    assertThat(Ins.keyOf("180032B020401")).isEqualTo("23");
  }

  @Test
  void spaces_typed_between_groups_are_ignored() {
    assertThat(Ins.parse("2 75 12 63 220 749 74").number()).isEqualTo("275126322074974");
  }

  // Each known-good value broken by exactly one character.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "275126322074975", // key off by one
        "275126322074984", // key digit swapped
        "375126322074974", // first digit changed
        "275126322074874", // matricule digit changed
        "180032B02040124", // Corsica, key off by one
        "180032A02040123", // 2B read as 2A
        "180032B02040193" // 2A key on a 2B matricule
      })
  void typed_ins_with_one_wrong_character_is_refused_for_its_key(String typed) {
    assertThatThrownBy(() -> Ins.parse(typed))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("clé de contrôle")
        .extracting(e -> ((InvalidIdentifierException) e).kind())
        .isEqualTo(IdentifierKind.INS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2751263220749X4", // letter in the key
        "27512632207497", // 14 characters
        "2751263220749744", // 16 characters
        "180032C02040123", // only A/B for Corsica
        "18003AB02040123", // letter outside positions 6-7
        "180031A02040123", // A not after a 2
        "27512632207４974" // full-width digit
      })
  void typed_ins_with_bad_format_is_refused_with_a_precise_message(String typed) {
    assertThatThrownBy(() -> Ins.parse(typed))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageStartingWith("INS invalide : ")
        .hasMessageNotContaining(typed);
  }

  @Test
  void error_message_says_where_the_bad_character_is() {
    assertThatThrownBy(() -> Ins.parse("180032C02040123")).hasMessageContaining("position 7");
    assertThatThrownBy(() -> Ins.parse("27512632207497"))
        .hasMessageContaining("15 caractères (matricule et clé) attendus, 14 reçus");
  }

  @Test
  void insi_answer_with_inconsistent_key_is_accepted_as_the_authority() {
    // HERMANN GATIEN (CNAM qualification set): computed key 76, INSi returns 60.
    Ins ins = Ins.fromInsi("1810363220456", "60", "1.2.250.1.213.1.4.10");
    assertThat(ins.hasConsistentKey()).isFalse();
    assertThat(ins.type()).isEqualTo(InsType.NIR_TEST);
    assertThatThrownBy(() -> Ins.parse("181036322045660"))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void insi_answer_still_needs_a_well_formed_matricule_and_a_known_oid() {
    assertThatThrownBy(() -> Ins.fromInsi("18103632204", "60", "1.2.250.1.213.1.4.8"))
        .hasMessageContaining("13 caractères de matricule attendus, 11 reçus");
    assertThatThrownBy(() -> Ins.fromInsi("1810363220456", "6", "1.2.250.1.213.1.4.8"))
        .hasMessageContaining("2 chiffres");
    assertThatThrownBy(() -> Ins.fromInsi("1810363220456", "60", "1.2.250.1.213.1.4.12"))
        .hasMessageContaining("OID inconnu");
  }

  @Test
  void each_register_oid_maps_to_its_type() {
    assertThat(Ins.fromInsi("2751263220749", "74", "1.2.250.1.213.1.4.8").type())
        .isEqualTo(InsType.NIR);
    assertThat(Ins.fromInsi("2751263220749", "74", "1.2.250.1.213.1.4.9").type())
        .isEqualTo(InsType.NIA);
    assertThat(Ins.fromInsi("2751263220749", "74", "1.2.250.1.213.1.4.10").type())
        .isEqualTo(InsType.NIR_TEST);
    assertThat(Ins.fromInsi("2751263220749", "74", "1.2.250.1.213.1.4.11").type())
        .isEqualTo(InsType.NIR_DEMO);
  }

  @Test
  void ins_never_appears_in_full_in_logs() {
    Ins ins = Ins.parse("275126322074974");
    assertThat(ins.masked()).isEqualTo("2*********749").doesNotContain("2751263");
    assertThat(ins.toString())
        .doesNotContain("2751263220749")
        .doesNotContain("74,")
        .contains("2*********749");
  }
}
