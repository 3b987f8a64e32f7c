package fr.officine.segur.api.outbox;

import java.util.List;

/**
 * {@code GET /api/v1/outbox}: the acting pharmacy's sends to national services (DMP...) not done
 * yet, and its recent final refusals. {@code label} is what the counter shows ("2 envois en
 * attente"); {@code oldestPendingSeconds} is null when nothing waits.
 */
public record OutboxView(
    int pending, Long oldestPendingSeconds, String label, List<RefusedSendView> refused) {}
