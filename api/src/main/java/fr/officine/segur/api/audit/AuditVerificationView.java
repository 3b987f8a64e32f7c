package fr.officine.segur.api.audit;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * {@code GET /api/v1/audit/verification} (DESIGN.md ▣): the hash chain checked end to end. {@code
 * records} is the number of rows present; {@code firstBrokenRecord} is the sequence number of the
 * first record that is not what the chain says (edited, deleted, moved), {@code null} when the
 * chain is valid (written as {@code null}, not omitted).
 */
@JsonbNillable
public record AuditVerificationView(boolean valid, long records, Long firstBrokenRecord) {}
