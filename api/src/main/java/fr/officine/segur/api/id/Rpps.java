package fr.officine.segur.api.id;

/** A health professional's RPPS number: 11 digits, the last being a Luhn check digit. */
public record Rpps(String value) {
  public Rpps {
    Checks.requireLuhnDigits(IdentifierKind.RPPS, value, 11);
  }

  public static Rpps of(String value) {
    return new Rpps(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
