package fr.officine.segur.api.portability;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An export of the pharmacy's data (issue 15 §4): {@code status} RUNNING, DONE, FAILED (with {@code
 * problem}) or EXPIRED (archive deleted after {@code expiresAt}); {@code progress} counts the rows
 * and documents written; {@code links} has {@code archive.zip} once DONE. The archive's {@code
 * sha256} and {@code sizeBytes} are those of the zip file itself.
 */
public record ExportView(
    String exportId,
    String status,
    String label,
    ExportProgress progress,
    OffsetDateTime createdAt,
    OffsetDateTime finishedAt,
    OffsetDateTime expiresAt,
    Long sizeBytes,
    String sha256,
    String problem,
    Map<String, String> links) {

  /** Rows and documents written out of {@code total}; {@code percent} 0–100. */
  public record ExportProgress(long done, long total, int percent) {}
}
