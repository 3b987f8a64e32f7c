package fr.officine.segur.outbox;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.id.DispensationId;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One send of one dispensation to one service. {@code attempts} counts the sends started. {@code
 * reasonCode} is what behaviour matches on; {@code reason} the French text shown (issue 14 §2).
 */
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
    OffsetDateTime createdAt,
    Optional<SendReason> reasonCode) {}
