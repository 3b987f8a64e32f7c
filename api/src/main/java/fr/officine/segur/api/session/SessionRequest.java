package fr.officine.segur.api.session;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/sessions} body. */
public record SessionRequest(
    @Size(max = FieldLimits.LOGIN) String login,
    @Size(max = FieldLimits.PASSWORD) String password) {
  /** Never the password, should the record reach a log or an error message. */
  @Override
  public String toString() {
    return "SessionRequest[login=" + login + ", password=***]";
  }
}
