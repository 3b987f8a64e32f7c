package fr.officine.segur.api.reconciliation;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/reconciliations/{id}/resolution}: how the line was settled (e.g. "facturé
 * hors ordonnance numérique, feuille de soins papier n° …"). Idempotent: a second resolution of a
 * resolved line returns it as it was resolved.
 */
public record ResolutionRequest(@Size(max = FieldLimits.NOTE) String note) {}
