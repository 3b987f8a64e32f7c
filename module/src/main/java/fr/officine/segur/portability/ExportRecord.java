package fr.officine.segur.portability;

import java.time.Instant;

/** One row of {@code data_export}: an export asked for by a titulaire, and where it stands. */
record ExportRecord(
    String id,
    String pharmacyFiness,
    String requestedBy,
    ExportStatus status,
    long rowsDone,
    long rowsTotal,
    Long sizeBytes,
    String sha256,
    String problem,
    Instant createdAt,
    Instant heartbeatAt,
    Instant finishedAt,
    Instant expiresAt) {}
