package fr.officine.segur.api.session;

/**
 * A one-use ticket opening one of the session's event streams ({@code GET …?ticket=}): an
 * EventSource cannot send a bearer token. {@code expiresInSeconds}: how long it can be redeemed.
 */
public record TicketView(String ticket, long expiresInSeconds) {}
