package fr.officine.segur.api.session;

import java.time.OffsetDateTime;

/**
 * One refused login (password or CPS card) of an account of the pharmacy, as the audit log holds
 * it: when, which login was typed, from which address, the answer's status and problem code ({@code
 * BAD_CREDENTIALS}, {@code LOGIN_DELAYED}, {@code LOGIN_LOCKED}, …). Never the password.
 */
public record LoginFailureView(
    OffsetDateTime at, String login, String clientIp, int status, String problemCode) {}
