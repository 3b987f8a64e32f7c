package fr.officine.segur.scan;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The key positions of every character of the GS1 character set 82 (GS1 General Specifications
 * §7.11, figure 7.11-1) on a US-QWERTY and on a French AZERTY keyboard (fr keymap: digit row {@code
 * & é " ' ( - è _ ç à} unshifted, digits with Shift; A/Q, Z/W swapped; M right of L; the US {@code
 * m , . /} keys give {@code , ; : !}, with Shift {@code ? . / §}).
 *
 * <p>A keyboard-wedge scanner sends key positions, not characters: a QWERTY scanner on an AZERTY
 * computer makes the computer print, for each character, the AZERTY character of the same key (and
 * Shift state). For a GS1 element string every character matters (a lot number may hold {@code -},
 * {@code /}, lower case), so unlike {@link KeyboardLayoutMismatch} (upper-case letters and digits
 * of a prescription number) this table is a bijection over the whole set: the repair is exact or
 * impossible, never a guess.
 */
enum Gs1Keyboard {
  /** The usual case: scanner set to US-QWERTY, counter computer in French AZERTY. */
  QWERTY_SCANNER_ON_AZERTY_COMPUTER,
  /** The reverse: scanner set to AZERTY, computer in US-QWERTY. */
  AZERTY_SCANNER_ON_QWERTY_COMPUTER;

  // Same key and Shift state, character by character. Letters other than a q w z m (either case)
  // and the = + keys are the same on both layouts and left out.
  private static final String US = "1234567890!@#$%^&*()-_qwazQWAZ;:'\"mM,<.>/?\\|]}";
  private static final String FR = "&é\"'(-è_çà1234567890)°azqwAZQWmMù%,?;.:/!§*µ$£";

  private static final Map<Character, Character> US_TO_FR = table(US, FR);
  private static final Map<Character, Character> FR_TO_US = table(FR, US);

  private static Map<Character, Character> table(String from, String to) {
    if (from.length() != to.length()) {
      throw new IllegalStateException("key tables differ in length");
    }
    Map<Character, Character> map = new HashMap<>();
    for (int i = 0; i < from.length(); i++) {
      if (map.put(from.charAt(i), to.charAt(i)) != null) {
        throw new IllegalStateException("key table not a bijection at " + from.charAt(i));
      }
    }
    return Map.copyOf(map);
  }

  /**
   * What the scanner meant, or empty when a character could not have come from this mismatch: a
   * QWERTY scanner on AZERTY never makes the computer print a plain digit unless it meant a symbol
   * of the shifted US row, which GS1 text also allows, so the test is only that the result is valid
   * GS1 (the caller's job).
   */
  Optional<String> repair(String received) {
    Map<Character, Character> receivedToMeant =
        this == QWERTY_SCANNER_ON_AZERTY_COMPUTER ? FR_TO_US : US_TO_FR;
    StringBuilder meant = new StringBuilder(received.length());
    for (int i = 0; i < received.length(); i++) {
      char c = received.charAt(i);
      Character m = receivedToMeant.get(c);
      if (m == null
          && (receivedToMeant == FR_TO_US ? US_TO_FR.containsKey(c) : FR_TO_US.containsKey(c))) {
        // A character the sending layout cannot produce at all through this mismatch.
        return Optional.empty();
      }
      meant.append(m == null ? c : m);
    }
    return Optional.of(meant.toString());
  }

  /** What a scanner set to US-QWERTY makes an AZERTY computer print (for tests and demos). */
  static String typedByQwertyScannerOnAzerty(String meant) {
    StringBuilder out = new StringBuilder(meant.length());
    for (int i = 0; i < meant.length(); i++) {
      char c = meant.charAt(i);
      out.append(US_TO_FR.getOrDefault(c, c));
    }
    return out.toString();
  }
}
