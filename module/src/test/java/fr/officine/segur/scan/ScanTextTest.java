package fr.officine.segur.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.scan.ScanResult;
import fr.officine.segur.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanTextTest {
  private static final String NUMBER = "01S2TBPZ2JCNZZYGHZ"; // ANS example (DOMAIN-FACTS §1.1)

  private final ScanService scans = new ScanService(ScanLimits.defaults());

  @ParameterizedTest
  @ValueSource(
      strings = {
        NUMBER,
        NUMBER + "\r\n", // what most douchettes append
        NUMBER + "\n",
        NUMBER + "\t",
        "  " + NUMBER + "  ",
        "01s2tbpz2jcnzzyghz", // typed by hand, caps lock off
        "01S2 TBPZ 2JCN ZZYG HZ", // typed in groups
        "\u0002" + NUMBER + "\u0003", // STX/ETX framing of some scanners
        "\uFEFF" + NUMBER + "\u200B", // BOM and zero-width space pasted from a document
        "01S2TBPZ2\u0000JCNZZYGHZ" // NUL injected: dropped, the rest must still be exactly a number
      })
  void scanner_or_keyboard_text_gives_the_number(String typed) {
    assertThat(scans.scanText(typed)).isEqualTo(new ScanResult("E_PRESCRIPTION", NUMBER));
  }

  // --- keyboard layout mismatch: the typed strings are written by hand from the layouts, not
  // computed with the module's table, so the test checks the table against the real keyboards.

  @Test
  void qwerty_douchette_on_an_azerty_computer_is_repaired() {
    // 0→à 1→& 2→é, Z→W (Shift+US Z = AZERTY W); S T B P J C N Y G H unchanged.
    assertThat(scans.scanText("à&SéTBPWéJCNWWYGHW\r\n").prescriptionNumber()).isEqualTo(NUMBER);
  }

  @Test
  void qwerty_douchette_on_azerty_every_affected_key() {
    // meant A Q Z W M 0 1 2 3 4 5 6 7 8 9 M M A
    assertThat(scans.scanText("QAWZ?à&é\"'(-è_ç??Q").prescriptionNumber())
        .isEqualTo("AQZWM0123456789MMA");
  }

  @Test
  void qwerty_douchette_on_belgian_azerty_is_repaired() {
    // Belgian AZERTY differs on the 6 (§) and 8 (!) keys.
    assertThat(scans.scanText("àààààààààààààààà§!").prescriptionNumber())
        .isEqualTo("000000000000000068");
  }

  @Test
  void azerty_douchette_on_a_qwerty_computer_is_repaired() {
    // An AZERTY scanner presses Shift+digit: the US shifted row ! @ # $ % ^ & * ( ).
    assertThat(scans.scanText(")!S@TBPW@JCNWWYGHW\n").prescriptionNumber()).isEqualTo(NUMBER);
    // AZERTY M is the US ';' key, Shift gives ':'.
    assertThat(scans.scanText("::::::::::)!@#$%^&").prescriptionNumber())
        .isEqualTo("MMMMMMMMMM01234567");
  }

  @Test
  void text_already_valid_is_not_repaired() {
    // Could be an AZERTY-mangled "AQ..." as well, but a valid reading as typed always wins.
    assertThat(scans.scanText("QAZWQAZWQAZWQAZWQA").prescriptionNumber())
        .isEqualTo("QAZWQAZWQAZWQAZWQA");
  }

  @Test
  void text_that_two_layouts_read_as_two_numbers_is_refused() {
    // '&' is 1 for a QWERTY scanner on AZERTY and 7 for an AZERTY scanner on QWERTY.
    assertProblem(() -> scans.scanText("&&&&&&&&&BCDEFGHIJ")).hasMessageContaining("ambiguë");
  }

  // --- hostile and wrong input

  @Test
  void script_is_refused_and_not_echoed() {
    assertProblem(() -> scans.scanText("<script>alert(1)</script>"))
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("<")
                    .doesNotContain(">")
                    .contains("« ·script·alert·1··/script· »"));
  }

  @Test
  void url_wrapping_a_number_is_refused() {
    // The QR payload syntax is not public (DOMAIN-FACTS §1.1): only the bare number is accepted.
    assertProblem(() -> scans.scanText("https://ordonnance.example/" + NUMBER));
    assertProblem(() -> scans.scanText("EP:" + NUMBER));
  }

  @Test
  @Timeout(2)
  void ten_thousand_spaces_of_padding_are_refused_by_length() {
    assertProblem(() -> scans.scanText(" ".repeat(10_000) + NUMBER))
        .hasMessageContaining("10018 caractères");
  }

  @Test
  @Timeout(2)
  void a_megabyte_of_text_is_refused_without_echo() {
    String huge = "A".repeat(1024 * 1024);
    assertProblem(() -> scans.scanText(huge))
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\u0000", "\u0000\u0000\u0000\u0000", "\r\n", "\u0007\u0008\u007f", "   "})
  void control_characters_alone_are_refused(String typed) {
    assertProblem(() -> scans.scanText(typed)).hasMessageStartingWith("Aucun caractère lisible");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01S2TBPZ2JCNZZYGH", // 17
        "01S2TBPZ2JCNZZYGHZZ", // 19
        "01S2TBPZ2JCNZZYGH\u0131", // dotless i: not upper-cased into I
        "01S2TBPZ2JCNZZYGH\uFF3A", // full-width Z
        "3400935955838" // a CIP13 scanned from a box
      })
  void almost_a_number_is_refused(String typed) {
    assertProblem(() -> scans.scanText(typed))
        .hasMessageContaining("18 lettres majuscules ou chiffres");
  }

  @Test
  void empty_text_is_refused() {
    assertProblem(() -> scans.scanText("")).hasMessageStartingWith("Aucun texte reçu");
    assertProblem(() -> scans.scanText((String) null)).hasMessageStartingWith("Aucun texte reçu");
  }

  // --- request bodies

  @Test
  void latin1_body_from_an_azerty_computer_is_decoded_with_its_charset() {
    byte[] latin1 = "à&SéTBPWéJCNWWYGHW\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(
            scans
                .scanText(new ByteArrayInputStream(latin1), StandardCharsets.ISO_8859_1)
                .prescriptionNumber())
        .isEqualTo(NUMBER);
  }

  @Test
  void endless_text_body_is_refused_after_reading_at_most_the_limit() {
    CountingEndlessText body = new CountingEndlessText();
    assertProblem(() -> scans.scanText(body, StandardCharsets.UTF_8));
    assertThat(body.served).isEqualTo(512L * 4 + 1);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertProblem(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.type()).isEqualTo(ProblemType.SCAN_NOT_A_PRESCRIPTION));
  }

  private static final class CountingEndlessText extends InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 'A';
    }
  }
}
