package fr.officine.segur.api.id;

/**
 * The unique number of an e-prescription ("numéro unique de prescription"), carried by the QR code
 * and printed beneath it.
 *
 * <p>18 characters {@code [0-9A-Z]}: the ANS example {@code 01S2TBPZ2JCNZZYGHZ} has that shape. The
 * real rule (length, check character) is in SEL-SFG-023, which is not public (DOMAIN-FACTS §1.1),
 * so the number is treated as opaque: no invented checksum, which would refuse real numbers.
 */
public record PrescriptionNumber(String value) {
  public static final int LENGTH = 18;

  public PrescriptionNumber {
    Checks.requirePresent(IdentifierKind.PRESCRIPTION_NUMBER, value);
    Checks.requireLength(IdentifierKind.PRESCRIPTION_NUMBER, value, LENGTH, "lettres ou chiffres");
    for (int i = 0; i < value.length(); i++) {
      if (!isAllowed(value.charAt(i))) {
        throw Checks.badCharacter(
            IdentifierKind.PRESCRIPTION_NUMBER, i, "lettres majuscules A-Z et chiffres uniquement");
      }
    }
  }

  /** Strict: exactly 18 upper-case letters or digits, nothing trimmed or upper-cased. */
  public static PrescriptionNumber of(String value) {
    return new PrescriptionNumber(value);
  }

  /** Whether {@link #of} would accept the value; for callers trying several readings of a scan. */
  public static boolean isValid(String value) {
    if (value == null || value.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (!isAllowed(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAllowed(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  }

  @Override
  public String toString() {
    return value;
  }
}
