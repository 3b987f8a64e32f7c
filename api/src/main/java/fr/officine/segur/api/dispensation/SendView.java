package fr.officine.segur.api.dispensation;

import java.time.OffsetDateTime;

/**
 * One outgoing send of a dispensation (target EPRESCRIPTION, DMP, DP). {@code state}: PENDING, SENT,
 * REFUSED (+ reason), NOT_APPLICABLE (+ reason).
 */
public record SendView(String target, String state, String reason, int attempts, OffsetDateTime lastAttempt) {}
