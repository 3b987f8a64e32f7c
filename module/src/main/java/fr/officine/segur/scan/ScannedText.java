package fr.officine.segur.scan;

/**
 * Text helpers for what arrives from a scanner, a keyboard or a QR code: cleaning before
 * validation, and a safe excerpt for problem details (the input may be hostile: scripts, control
 * characters, megabytes of padding).
 */
final class ScannedText {
  /** How much of the input a problem detail may show. */
  static final int EXCERPT_CHARS = 40;

  private ScannedText() {}

  /**
   * Drops control characters (scanners add prefixes/suffixes such as STX/ETX, CR, LF, TAB, GS),
   * invisible format characters (BOM, zero-width space) and all spaces (a number typed by hand may
   * be grouped "01S2 TBPZ ..."). Whatever remains must still be exactly a valid number, so dropping
   * is never what makes arbitrary input acceptable.
   */
  static String clean(String raw) {
    StringBuilder kept = new StringBuilder(raw.length());
    raw.codePoints()
        .filter(
            cp -> {
              int type = Character.getType(cp);
              return type != Character.CONTROL
                  && type != Character.FORMAT
                  && !Character.isWhitespace(cp)
                  && !Character.isSpaceChar(cp);
            })
        .forEach(kept::appendCodePoint);
    return kept.toString();
  }

  /**
   * Upper-cases ASCII letters only: {@code String.toUpperCase} would turn a Turkish dotless {@code
   * ı} into {@code I} or {@code ß} into {@code SS}, making foreign text look like a number.
   */
  static String asciiUpper(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
    }
    return out.toString();
  }

  /**
   * At most {@link #EXCERPT_CHARS} characters, letters, digits and a few URL characters kept,
   * everything else shown as {@code ·}: safe inside JSON, HTML and a log line.
   */
  static String excerpt(String s) {
    int end = Math.min(s.length(), EXCERPT_CHARS);
    StringBuilder out = new StringBuilder(end + 1);
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      boolean plain =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == ':'
              || c == '/'
              || c == '-';
      out.append(plain ? c : '·');
    }
    if (s.length() > end) {
      out.append('…');
    }
    return out.toString();
  }
}
