package fr.officine.segur.sandbox.ids;

/** The Luhn check used by the RPPS (11 digits) and FINESS (9 digits) numbers. */
public final class Luhn {
  private Luhn() {}

  /**
   * True when {@code digits} has exactly {@code length} ASCII digits and passes the Luhn check
   * ({@link Character#isDigit} also takes other scripts' digits, which the check would read as
   * large numbers).
   */
  public static boolean isValid(String digits, int length) {
    if (digits == null
        || digits.length() != length
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < length; i++) {
      int d = digits.charAt(length - 1 - i) - '0';
      if (i % 2 != 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  public static boolean isValidRpps(String rpps) {
    return isValid(rpps, 11);
  }

  public static boolean isValidFiness(String finess) {
    return isValid(finess, 9);
  }
}
