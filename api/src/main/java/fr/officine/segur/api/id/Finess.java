package fr.officine.segur.api.id;

/**
 * A FINESS number (here: the pharmacy's, "FINESS géographique"): 9 digits, the last being a Luhn
 * check digit.
 *
 * <p>Corsican establishments have FINESS numbers starting with {@code 2A}/{@code 2B}; their check
 * rule was not found in a public source, so they are refused for now rather than guessed.
 */
public record Finess(String value) {
  public Finess {
    Checks.requireLuhnDigits(IdentifierKind.FINESS, value, 9);
  }

  public static Finess of(String value) {
    return new Finess(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
