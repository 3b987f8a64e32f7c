package fr.officine.segur.it.support;

/**
 * What a scanner configured as a US-QWERTY keyboard types when the computer's layout is French
 * AZERTY: the scanner sends the key positions of the QWERTY characters, the OS reads them as
 * AZERTY. Written independently of the module's repair so the test checks it against the real
 * layout.
 */
public final class Azerty {
  private Azerty() {}

  public static String typedByQwertyScanner(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(
          switch (c) {
            // Digits on US keys are unshifted; on AZERTY those same keys give the symbols.
            case '1' -> '&';
            case '2' -> 'é';
            case '3' -> '"';
            case '4' -> '\'';
            case '5' -> '(';
            case '6' -> '-';
            case '7' -> 'è';
            case '8' -> '_';
            case '9' -> 'ç';
            case '0' -> 'à';
            // Upper-case letters are sent as Shift + the US key position; A, Q, Z, W and M sit
            // elsewhere on AZERTY, and Shift + the key where US has M is '?' on AZERTY.
            case 'A' -> 'Q';
            case 'Q' -> 'A';
            case 'Z' -> 'W';
            case 'W' -> 'Z';
            case 'M' -> '?';
            default -> c;
          });
    }
    return out.toString();
  }
}
