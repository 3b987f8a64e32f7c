package fr.officine.segur.api.session;

/** {@code POST /api/v1/sessions} body. */
public record SessionRequest(String login, String password) {
  /** Never the password, should the record reach a log or an error message. */
  @Override
  public String toString() {
    return "SessionRequest[login=" + login + ", password=***]";
  }
}
