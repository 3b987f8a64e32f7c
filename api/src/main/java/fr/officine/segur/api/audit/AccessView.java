package fr.officine.segur.api.audit;

import java.time.OffsetDateTime;

/**
 * One access to a patient's data, as {@code GET /api/v1/audit?ins=…} lists it (newest first): who
 * ({@code login}, {@code rpps} absent for a préparateur, {@code role}), the pharmacy, what ({@code
 * action} code and its French label, {@code target}: prescription number, dispensation id…), when
 * (UTC), from where, and the outcome ({@code status}, {@code problemCode} when refused). {@code
 * seq} is the record's place in the hash chain.
 */
public record AccessView(
    long seq,
    OffsetDateTime at,
    String login,
    String rpps,
    String role,
    String pharmacyFiness,
    String action,
    String actionLabel,
    String target,
    String prescriptionNumber,
    String clientIp,
    int status,
    String problemCode) {}
