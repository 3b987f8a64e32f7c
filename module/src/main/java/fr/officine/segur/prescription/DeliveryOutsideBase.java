package fr.officine.segur.prescription;

import java.time.OffsetDateTime;

/**
 * A delivery of a line the e-prescription base does not know ("produit inconnu de la base"), as the
 * module recorded it: by whichever pharmacy served by this instance made it. The module is the only
 * record of such deliveries, so every pharmacy that reads the prescription counts and sees them, as
 * it sees the base's executions (issue 11 §17).
 */
public record DeliveryOutsideBase(
    String dispensationId,
    String lineId,
    String pharmacyFiness,
    String pharmacyName,
    OffsetDateTime deliveredAt,
    int quantity) {}
