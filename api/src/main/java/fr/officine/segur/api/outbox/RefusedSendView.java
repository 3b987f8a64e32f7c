package fr.officine.segur.api.outbox;

import java.time.OffsetDateTime;

/** A send refused for good (patient opposed, professional blocked...), with the French reason. */
public record RefusedSendView(
    String dispensationId, String target, String reason, int attempts, OffsetDateTime lastAttempt) {}
