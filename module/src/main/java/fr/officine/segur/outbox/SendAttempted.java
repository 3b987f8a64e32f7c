package fr.officine.segur.outbox;

import fr.officine.segur.api.id.DispensationId;

/**
 * A CDI event: one send of a dispensation was attempted and its row updated (sent, refused, not
 * applicable, or due again later). Screens showing that dispensation's sends re-read them (issue 10
 * §2): the outbox only says so.
 */
public record SendAttempted(String pharmacyFiness, DispensationId dispensationId, OutboxTarget target) {}
