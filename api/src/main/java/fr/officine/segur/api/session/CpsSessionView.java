package fr.officine.segur.api.session;

import java.time.OffsetDateTime;

/**
 * A session opened with a CPS card ({@code authMode} DIRECTE): like {@link SessionView}, plus the
 * card it is bound to. Removing the card ends the session.
 */
public record CpsSessionView(
    String token,
    OffsetDateTime expiresAt,
    ProfessionalView professional,
    PharmacyView pharmacy,
    String authMode,
    CpsCardView card) {
  /** Never the bearer token, should the record reach a log. */
  @Override
  public String toString() {
    return "CpsSessionView[token="
        + (token == null ? null : "***")
        + ", professional="
        + professional
        + ", authMode="
        + authMode
        + "]";
  }
}
