package fr.officine.segur.outbox;

import fr.officine.segur.api.id.DispensationId;
import java.time.OffsetDateTime;
import java.util.Optional;

/** One send of one dispensation to one service. {@code attempts} counts the sends started. */
public record OutboxEntry(
    String id,
    OutboxTarget target,
    DispensationId dispensationId,
    String pharmacyFiness,
    OutboxState state,
    Optional<String> reason,
    int attempts,
    OffsetDateTime nextAttemptAt,
    Optional<OffsetDateTime> lastAttemptAt,
    OffsetDateTime createdAt) {}
