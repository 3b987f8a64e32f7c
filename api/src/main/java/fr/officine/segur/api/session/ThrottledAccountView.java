package fr.officine.segur.api.session;

import java.time.OffsetDateTime;

/**
 * An account of the pharmacy with recent failed logins: how many in a row, and until when it is
 * locked ({@code null}: not locked, only slowed down past a few failures).
 */
public record ThrottledAccountView(String login, int failures, OffsetDateTime lockedUntil) {}
