package fr.officine.segur.scan;

import java.util.Map;

/**
 * A keyboard-wedge scanner ("douchette") does not send characters: it sends key positions, for the
 * layout it was configured with. When the computer's layout differs, the characters the LGO
 * receives are those of the same key positions on the computer's layout. Each constant maps what
 * was received back to what the scanner meant, for the characters of a prescription number.
 *
 * <p>Layouts (checked against the fr keymap: key 0x02 = {@code &} / Shift {@code 1} ... key 0x0b =
 * {@code à} / Shift {@code 0}; the key right of N = {@code ,} / Shift {@code ?}; the key right of L
 * = {@code m} / Shift {@code M}):
 *
 * <ul>
 *   <li>US-QWERTY: digits unshifted, upper-case letters with Shift.
 *   <li>French AZERTY: the unshifted digit row gives {@code & é " ' ( - è _ ç à}, digits need
 *       Shift; A/Q and Z/W are swapped; M is where US has {@code ;}, and US M is AZERTY {@code
 *       ,}/{@code ?}.
 * </ul>
 */
enum KeyboardLayoutMismatch {
  /** The usual case: scanners ship configured as US-QWERTY, French counters use AZERTY. */
  QWERTY_SCANNER_ON_AZERTY_COMPUTER(
      withSwappedLetters(
          // unshifted digit row on AZERTY
          Map.entry('&', '1'),
          Map.entry('é', '2'),
          Map.entry('"', '3'),
          Map.entry('\'', '4'),
          Map.entry('(', '5'),
          Map.entry('-', '6'),
          Map.entry('è', '7'),
          Map.entry('_', '8'),
          Map.entry('ç', '9'),
          Map.entry('à', '0'),
          // the same keys if something upstream upper-cased the text
          Map.entry('É', '2'),
          Map.entry('È', '7'),
          Map.entry('Ç', '9'),
          Map.entry('À', '0'),
          // Belgian AZERTY differs on two digit keys: § for 6 and ! for 8
          Map.entry('§', '6'),
          Map.entry('!', '8'),
          // Shift + (US M key) is '?' on AZERTY, unshifted ','
          Map.entry('?', 'M'),
          Map.entry(',', 'm'))),

  /** The reverse: a scanner set to AZERTY on a computer set to US-QWERTY. */
  AZERTY_SCANNER_ON_QWERTY_COMPUTER(
      withSwappedLetters(
          // the AZERTY scanner presses Shift + digit key, which is the US shifted digit row
          Map.entry('!', '1'),
          Map.entry('@', '2'),
          Map.entry('#', '3'),
          Map.entry('$', '4'),
          Map.entry('%', '5'),
          Map.entry('^', '6'),
          Map.entry('&', '7'),
          Map.entry('*', '8'),
          Map.entry('(', '9'),
          Map.entry(')', '0'),
          // AZERTY M is the US ';' key: Shift gives ':'
          Map.entry(':', 'M'),
          Map.entry(';', 'm')));

  private final Map<Character, Character> receivedToMeant;

  /** A/Q and Z/W trade places between the two layouts, whichever way the mismatch goes. */
  @SafeVarargs
  private static Map<Character, Character> withSwappedLetters(
      Map.Entry<Character, Character>... entries) {
    Map<Character, Character> map = new java.util.HashMap<>(Map.ofEntries(entries));
    for (String pair : new String[] {"AQ", "ZW", "aq", "zw"}) {
      map.put(pair.charAt(0), pair.charAt(1));
      map.put(pair.charAt(1), pair.charAt(0));
    }
    return Map.copyOf(map);
  }

  KeyboardLayoutMismatch(Map<Character, Character> receivedToMeant) {
    this.receivedToMeant = receivedToMeant;
  }

  /** What the scanner meant, character by character; characters the mismatch leaves alone stay. */
  String repair(String received) {
    StringBuilder meant = new StringBuilder(received.length());
    for (int i = 0; i < received.length(); i++) {
      char c = received.charAt(i);
      meant.append(receivedToMeant.getOrDefault(c, c));
    }
    return meant.toString();
  }
}
