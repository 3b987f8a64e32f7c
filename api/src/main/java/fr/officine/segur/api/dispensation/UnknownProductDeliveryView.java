package fr.officine.segur.api.dispensation;

import java.time.OffsetDateTime;

/**
 * A line unknown to the e-prescription base ("produit inconnu de la base", e.g. an LPP device)
 * delivered by this pharmacy and recorded by the module only, with what a later reconciliation
 * needs. {@code GET /api/v1/reconciliations?state=PENDING}.
 *
 * @param state PENDING_RECONCILIATION, then RESOLVED with the pharmacist's note
 * @param codeSystem the product's code system as the prescription has it (LPP:
 *     1.2.250.1.215.200.2.1)
 */
public record UnknownProductDeliveryView(
    String id,
    String dispensationId,
    String prescriptionNumber,
    String lineId,
    String productCode,
    String codeSystem,
    String label,
    int quantity,
    String pharmacyFiness,
    String deliveredBy,
    OffsetDateTime deliveredAt,
    String state,
    String resolutionNote,
    String resolvedBy,
    OffsetDateTime resolvedAt) {}
