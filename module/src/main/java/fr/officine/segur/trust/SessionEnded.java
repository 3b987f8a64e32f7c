package fr.officine.segur.trust;

/**
 * A session was closed (logout): fired as a CDI event so what lives on beyond a request (the
 * presence streams) ends now rather than at its next check. Revocation by card removal is noticed
 * by those checks ({@link Sessions#live}).
 */
public record SessionEnded(String tokenHash) {}
