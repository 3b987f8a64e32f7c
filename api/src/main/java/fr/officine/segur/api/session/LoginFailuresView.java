package fr.officine.segur.api.session;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /api/v1/sessions/failures} (titulaire): the refused logins of the pharmacy's accounts
 * since {@code since}, newest first (at most 200), and the accounts slowed down or locked now.
 */
public record LoginFailuresView(
    OffsetDateTime since, List<LoginFailureView> failures, List<ThrottledAccountView> accounts) {}
