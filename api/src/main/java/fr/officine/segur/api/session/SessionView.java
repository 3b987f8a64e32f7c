package fr.officine.segur.api.session;

import java.time.OffsetDateTime;

/** An opened session: the bearer token, who is acting, for which pharmacy, until when. */
public record SessionView(
    String token, OffsetDateTime expiresAt, ProfessionalView professional, PharmacyView pharmacy) {
  /** Never the bearer token, should the record reach a log. */
  @Override
  public String toString() {
    return "SessionView[token="
        + (token == null ? null : "***")
        + ", expiresAt="
        + expiresAt
        + ", professional="
        + professional
        + ", pharmacy="
        + pharmacy
        + "]";
  }
}
