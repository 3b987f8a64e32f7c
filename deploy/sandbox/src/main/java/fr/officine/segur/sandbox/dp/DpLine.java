package fr.officine.segur.sandbox.dp;

import java.time.OffsetDateTime;
import java.util.Optional;

/** One product delivered, as the DP holds it. */
public record DpLine(
    String dispensationId,
    OffsetDateTime deliveredAt,
    String finess,
    String pharmacy,
    String cip13,
    String label,
    Optional<String> atc,
    int quantity,
    Optional<String> lot) {}
