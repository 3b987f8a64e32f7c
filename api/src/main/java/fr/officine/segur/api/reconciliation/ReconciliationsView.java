package fr.officine.segur.api.reconciliation;

import fr.officine.segur.api.dispensation.UnknownProductDeliveryView;
import java.util.List;

/**
 * {@code GET /api/v1/reconciliations?state=PENDING|RESOLVED}: this pharmacy's deliveries of lines
 * unknown to the base, oldest first. {@code label} is what the counter shows ("2 lignes à
 * régulariser").
 */
public record ReconciliationsView(
    String state, int count, String label, List<UnknownProductDeliveryView> items) {}
