package fr.officine.segur.counter;

/** The national services the counter depends on, each with a French name for the status light. */
public enum NationalService {
  EPRESCRIPTION("Base ordonnance numérique"),
  DMP("DMP"),
  DP("Dossier pharmaceutique"),
  INSI("INSi");

  private final String label;

  NationalService(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
