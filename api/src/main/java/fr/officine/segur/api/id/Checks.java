package fr.officine.segur.api.id;

/** Format and check-key helpers shared by the identifier records. */
final class Checks {
  private Checks() {}

  static String requirePresent(IdentifierKind kind, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidIdentifierException(kind, capitalize(kind.label()) + " absent.");
    }
    return value;
  }

  static void requireLength(IdentifierKind kind, String value, int expected, String what) {
    if (value.length() != expected) {
      throw new InvalidIdentifierException(
          kind,
          capitalize(kind.label())
              + " invalide : "
              + expected
              + " "
              + what
              + " attendus, "
              + value.length()
              + " reçus.");
    }
  }

  static void requireDigits(IdentifierKind kind, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw badCharacter(kind, i, "chiffres uniquement");
      }
    }
  }

  static InvalidIdentifierException badCharacter(IdentifierKind kind, int index, String allowed) {
    // The position, not the character: the character may be a control char or part of a script.
    return new InvalidIdentifierException(
        kind,
        capitalize(kind.label())
            + " invalide : caractère non autorisé en position "
            + (index + 1)
            + " ("
            + allowed
            + ").");
  }

  static InvalidIdentifierException badKey(IdentifierKind kind) {
    return new InvalidIdentifierException(
        kind,
        capitalize(kind.label())
            + " invalide : la clé de contrôle ne correspond pas (erreur de saisie probable).");
  }

  /** {@code length} digits whose last one is a Luhn check digit (RPPS, FINESS). */
  static String requireLuhnDigits(IdentifierKind kind, String value, int length) {
    requirePresent(kind, value);
    requireLength(kind, value, length, "chiffres");
    requireDigits(kind, value);
    if (!luhnValid(value)) {
      throw badKey(kind);
    }
    return value;
  }

  /** Luhn (ISO/IEC 7812-1) over all the digits, the last one being the check digit. */
  static boolean luhnValid(String digits) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }

  /** GS1 (EAN-13) check digit of the first 12 digits: weights 1,3,1,3... from the left. */
  static int ean13CheckDigit(String digits) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      int d = digits.charAt(i) - '0';
      sum += (i % 2 == 0) ? d : 3 * d;
    }
    return (10 - sum % 10) % 10;
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
