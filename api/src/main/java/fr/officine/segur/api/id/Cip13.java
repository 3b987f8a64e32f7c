package fr.officine.segur.api.id;

/**
 * A medicine pack's CIP13 code: 13 digits in the GS1 France range {@code 34...}, whose last digit
 * is the EAN-13 (GTIN-13) check digit: CIP13 codes are printed as EAN-13 bar codes and carried as
 * GTIN in the DataMatrix ({@code 0} + CIP13). Checked on real packs, e.g. DOLIPRANE 1000 mg {@code
 * 3400935955838}.
 */
public record Cip13(String value) {
  public Cip13 {
    Checks.requirePresent(IdentifierKind.CIP13, value);
    Checks.requireLength(IdentifierKind.CIP13, value, 13, "chiffres");
    Checks.requireDigits(IdentifierKind.CIP13, value);
    if (!value.startsWith("34")) {
      throw new InvalidIdentifierException(
          IdentifierKind.CIP13, "Code CIP13 invalide : un code CIP13 commence par 34.");
    }
    if (Checks.ean13CheckDigit(value) != value.charAt(12) - '0') {
      throw Checks.badKey(IdentifierKind.CIP13);
    }
  }

  public static Cip13 of(String value) {
    return new Cip13(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
