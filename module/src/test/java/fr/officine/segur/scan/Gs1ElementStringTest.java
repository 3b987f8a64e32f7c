package fr.officine.segur.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.id.Cip13;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The GS1 rules a box's DataMatrix follows (GS1 General Specifications §3.2, §7.8, §7.9, §7.11,
 * §7.12), and what douchettes do to it. Expected values are written by hand from the rules.
 */
class Gs1ElementStringTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
  private static final String GS = "\u001d";

  /** DOLIPRANE 1000 mg B/8, CIP13 3400935955838: GTIN-14 = 0 + CIP13 (same check digit). */
  private static final String GTIN = "03400935955838";

  private static MedicineBox parse(String s) throws Gs1ElementString.Invalid {
    return Gs1ElementString.parse(s, TODAY);
  }

  private static MedicineBox box(String expiry, String lot, String serial) {
    return new MedicineBox(
        Cip13.of("3400935955838"),
        Optional.ofNullable(expiry).map(LocalDate::parse),
        Optional.ofNullable(lot),
        Optional.ofNullable(serial));
  }

  @Test
  void the_usual_order_with_a_gs_after_the_lot() throws Exception {
    assertThat(parse("01" + GTIN + "17270531" + "10K75-2409" + GS + "21ABC123xyz"))
        .isEqualTo(box("2027-05-31", "K75-2409", "ABC123xyz"));
  }

  @Test
  void serial_first_ended_by_gs_then_fixed_expiry_then_lot_last() throws Exception {
    assertThat(parse("01" + GTIN + "21SN0001" + GS + "17280229" + "10LOT/7"))
        .isEqualTo(box("2028-02-29", "LOT/7", "SN0001"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"]d2", "]C1", "]Q3"})
  void the_symbology_identifier_a_scanner_prefixes_is_dropped(String prefix) throws Exception {
    assertThat(parse(prefix + "01" + GTIN + "17270531" + "10L1" + GS + "21S1\r\n"))
        .isEqualTo(box("2027-05-31", "L1", "S1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"<GS>", "<gs>", "{GS}", "[GS]", "\u241d", "<FNC1>", "^]"})
  void the_separator_spelled_as_text_by_the_scanner_driver(String sep) throws Exception {
    assertThat(parse("01" + GTIN + "10L1" + sep + "17270531" + "21S1"))
        .isEqualTo(box("2027-05-31", "L1", "S1"));
  }

  @Test
  void a_leading_fnc1_and_a_gs_after_a_fixed_field_are_allowed() throws Exception {
    assertThat(parse(GS + "01" + GTIN + GS + "17270531" + GS + "10L1"))
        .isEqualTo(box("2027-05-31", "L1", null));
  }

  @Test
  void only_the_product_code_is_required() throws Exception {
    assertThat(parse("01" + GTIN)).isEqualTo(box(null, null, null));
  }

  @ParameterizedTest
  @CsvSource({
    "270500, 2027-05-31", // day 00 = last day of the month (§7.12)
    "280200, 2028-02-29", // ... of a leap February
    "270200, 2027-02-28",
    "991231, 1999-12-31", // 99 − 26 = 73 ≥ 51: previous century
    "751231, 2075-12-31", // 75 − 26 = 49: this century
    "770101, 1977-01-01", // 77 − 26 = 51: previous century
  })
  void expiry_yymmdd_with_the_gs1_century_rule(String yymmdd, String expected) throws Exception {
    assertThat(parse("01" + GTIN + "17" + yymmdd).expiry()).contains(LocalDate.parse(expected));
  }

  // --- the douchette's keyboard: these strings are written by hand from the French AZERTY layout
  // (what a US-QWERTY scanner's key presses print there), not computed with the module's table.

  @Test
  void qwerty_douchette_on_an_azerty_computer_with_a_real_gs() throws Exception {
    // 01 | 03400935955838 | 17 | 270531 | 10 | K75-2409 <GS> | 21 | ABC123xyz
    // digits print & é " ' ( - è _ ç à; '-' is the US key right of 0, AZERTY ')'; A→Q, z→w.
    String typed =
        "à&"
            + "à\"'ààç\"(ç((_\"_"
            + "&è"
            + "éèà(\"&"
            + "&à"
            + "Kè()é'àç"
            + GS
            + "é&"
            + "QBC&é\"xyw";
    assertThat(parse(typed)).isEqualTo(box("2027-05-31", "K75-2409", "ABC123xyz"));
  }

  @Test
  void qwerty_douchette_on_azerty_with_the_gs_sent_as_text() throws Exception {
    // 01 GTIN 10 LOTM5 "<GS>" 17 270531: "<" and ">" are US Shift+, and Shift+. which print "." and
    // "/" on AZERTY; Shift + the US M key prints "?".
    String typed = "à&" + "à\"'ààç\"(ç((_\"_" + "&à" + "LOT?(" + ".GS/" + "&è" + "éèà(\"&";
    assertThat(parse(typed)).isEqualTo(box("2027-05-31", "LOTM5", null));
  }

  @Test
  void azerty_douchette_on_a_qwerty_computer() throws Exception {
    // The AZERTY scanner presses Shift + digit key; the US computer prints the shifted digit row.
    String typed = ")!" + ")#$))(#%(%%*#*" + "!&" + "@&)%#!" + "!)" + "LOT!";
    assertThat(parse(typed)).isEqualTo(box("2027-05-31", "LOT1", null));
  }

  // --- hostile or broken codes: a French sentence saying what is wrong

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0103400935955839|clé de contrôle GTIN fausse", // last digit changed
        "0104012345678901|pas un code CIP13", // a valid GTIN, not a French medicine
        "010340093595583|tronqué",
        "01034009359558381727133110L1|date impossible", // month 13
        "01034009359558381727023010L1|date impossible", // 30 February
        "01034009359558381727AB3110L1|AAMMJJ",
        "010340093595583810LOT1234521SERIAL0123456789|de 26 caractères", // no GS after the lot
        "0103400935955838991234|inconnu", // AI 99 (internal) is not on a box
        "0103400935955838240X|inconnu",
      })
  void a_broken_code_is_refused_saying_why(String code, String why) {
    assertThatThrownBy(() -> parse(code))
        .isInstanceOf(Gs1ElementString.Invalid.class)
        .hasMessageContaining(why);
  }

  @Test
  void over_long_lot_and_serial_are_refused() {
    assertThatThrownBy(() -> parse("01" + GTIN + "10" + "L".repeat(21)))
        .hasMessageContaining("numéro de lot de 21 caractères : 20 au plus");
    assertThatThrownBy(() -> parse("01" + GTIN + "21" + "S".repeat(21)))
        .hasMessageContaining("numéro de série de 21 caractères");
  }

  @Test
  void no_product_code_duplicates_empty_fields_and_forbidden_characters_are_refused() {
    assertThatThrownBy(() -> parse("17270531" + "10L1"))
        .hasMessageContaining("Pas de code produit (01)");
    assertThatThrownBy(() -> parse("01" + GTIN + "01" + GTIN))
        .hasMessageContaining("présent deux fois");
    assertThatThrownBy(() -> parse("01" + GTIN + "10" + GS + "21S"))
        .hasMessageContaining("numéro de lot vide");
    assertThatThrownBy(() -> parse("01" + GTIN + "10L{1}")).hasMessageContaining("non autorisé");
    assertThatThrownBy(() -> parse("01" + GTIN + "10LOTé")).hasMessageContaining("non autorisé");
    assertThatThrownBy(() -> parse("01" + GTIN + "10L 1")).hasMessageContaining("non autorisé");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "\u0007", "\u001b[2J", "\u200b", "\u0085"})
  void control_characters_other_than_gs_are_refused(String control) {
    assertThatThrownBy(() -> parse("01" + GTIN + "10L" + control + "1"))
        .isInstanceOf(Gs1ElementString.Invalid.class)
        .hasMessageContaining("Caractère de contrôle");
  }

  @Test
  void the_check_digit_is_the_gs1_one() {
    assertThat(Gs1ElementString.gtinCheckDigit("03400933216146")).isEqualTo(6);
    assertThat(Gs1ElementString.gtinCheckDigit("00012345678905")).isEqualTo(5);
  }

  @Test
  void what_looks_like_a_box_code() {
    assertThat(Gs1ElementString.looksLikeGs1("01" + GTIN + "17270531")).isTrue();
    assertThat(Gs1ElementString.looksLikeGs1("]d2anything")).isTrue();
    assertThat(Gs1ElementString.looksLikeGs1("abc" + GS + "def")).isTrue();
    assertThat(Gs1ElementString.looksLikeGs1("à&à\"'ààç\"(ç((_\"_&èéèà(\"&")).isTrue();
    // an 18-character prescription number starting like the GTIN AI is not a box code
    assertThat(Gs1ElementString.looksLikeGs1("01S2TBPZ2JCNZZYGHZ")).isFalse();
    assertThat(Gs1ElementString.looksLikeGs1("<script>alert(1)</script>")).isFalse();
  }
}
