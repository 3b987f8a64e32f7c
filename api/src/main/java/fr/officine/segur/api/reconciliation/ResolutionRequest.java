package fr.officine.segur.api.reconciliation;

/**
 * {@code POST /api/v1/reconciliations/{id}/resolution}: how the line was settled (e.g. "facturé
 * hors ordonnance numérique, feuille de soins papier n° …"). Idempotent: a second resolution of a
 * resolved line returns it as it was resolved.
 */
public record ResolutionRequest(String note) {}
