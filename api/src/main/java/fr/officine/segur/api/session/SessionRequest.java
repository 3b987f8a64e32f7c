package fr.officine.segur.api.session;

/** {@code POST /api/v1/sessions} body. */
public record SessionRequest(String login, String password) {}
