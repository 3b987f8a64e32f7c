package fr.officine.segur.api.id;

/** The kinds of identifier the module validates; {@code label} is what a pharmacist reads. */
public enum IdentifierKind {
  PRESCRIPTION_NUMBER("numéro d'ordonnance numérique"),
  INS("INS"),
  RPPS("numéro RPPS"),
  FINESS("numéro FINESS"),
  CIP13("code CIP13"),
  DISPENSATION_ID("identifiant de délivrance");

  private final String label;

  IdentifierKind(String label) {
    this.label = label;
  }

  /** French, lower-case, usable inside a sentence ("numéro RPPS invalide : ..."). */
  public String label() {
    return label;
  }
}
