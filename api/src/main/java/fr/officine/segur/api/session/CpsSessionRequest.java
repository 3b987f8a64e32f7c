package fr.officine.segur.api.session;

/**
 * {@code POST /api/v1/sessions/cps} body: the card's PIN, and optionally the PC/SC reader name
 * (absent: the reader holding a CPx card).
 */
public record CpsSessionRequest(String pin, String reader) {}
