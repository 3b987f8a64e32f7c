package fr.officine.segur.identity;

import java.util.Optional;

/** One INSi answer: its code (CR/CodeCR) and, with 00 only, the identity. */
public record InsiAnswer(Code code, Optional<RetrievedIdentity> identity) {

  /**
   * INSi's CodeCR values (padoa labels: OK, Aucune identite trouvee, Plusieurs identites trouvees).
   */
  public enum Code {
    FOUND(
        "00",
        "Identité trouvée : comparez ses traits avec la pièce d'identité avant de la qualifier."),
    NOT_FOUND(
        "01",
        "Aucune identité trouvée : vérifiez les traits sur la pièce d'identité ; l'identité reste provisoire."),
    SEVERAL(
        "02",
        "Plusieurs identités possibles : ajoutez tous les prénoms de naissance ou le lieu de naissance.");

    private final String wire;
    private final String message;

    Code(String wire, String message) {
      this.wire = wire;
      this.message = message;
    }

    public String wire() {
      return wire;
    }

    /** For the pharmacist, in French. */
    public String message() {
      return message;
    }

    static Optional<Code> fromWire(String code) {
      for (Code c : values()) {
        if (c.wire.equals(code)) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  public static InsiAnswer found(RetrievedIdentity identity) {
    return new InsiAnswer(Code.FOUND, Optional.of(identity));
  }

  public static InsiAnswer of(Code code) {
    return new InsiAnswer(code, Optional.empty());
  }
}
