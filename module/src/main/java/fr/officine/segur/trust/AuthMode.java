package fr.officine.segur.trust;

import java.util.Optional;

/**
 * How the professional behind a session authenticated, as the national services want to know it
 * (VIHF {@code Authentification_Mode}, DOMAIN-FACTS §2.3). Kept with the session and with every
 * dispensation, so that a send made later by the outbox, without anybody at the counter, still says
 * how its author really authenticated.
 */
public enum AuthMode {
  /** CPS card in a reader of this machine, PIN checked by the card: the professional proves it. */
  DIRECTE("urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI"),
  /**
   * Login and password of the module: the pharmacy's organisation certificate vouches for the
   * professional. "unspecified" rather than "Password": the VIHF may name the titulaire for a
   * préparateur's delivery, and the titulaire then authenticated in no way at all.
   */
  INDIRECTE("urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified");

  private final String authnContextClassRef;

  AuthMode(String authnContextClassRef) {
    this.authnContextClassRef = authnContextClassRef;
  }

  /** The SAML 2.0 AuthnContextClassRef that goes with this mode. */
  public String authnContextClassRef() {
    return authnContextClassRef;
  }

  /** A stored value; an unknown or absent one is INDIRECTE, the mode that claims the least. */
  public static AuthMode of(String stored) {
    return Optional.ofNullable(stored)
        .filter(s -> s.equals(DIRECTE.name()))
        .map(s -> DIRECTE)
        .orElse(INDIRECTE);
  }

  /**
   * The mode to declare when {@code subjectRpps} is named in the VIHF on behalf of {@code acting}
   * (who authenticated with {@code actingMode}): DIRECTE only when the card holder is the very
   * professional named, never for someone else the card did not authenticate.
   */
  public static AuthMode declared(
      AuthMode actingMode, Optional<String> actingRpps, Optional<String> subjectRpps) {
    return actingMode == DIRECTE && actingRpps.isPresent() && actingRpps.equals(subjectRpps)
        ? DIRECTE
        : INDIRECTE;
  }
}
