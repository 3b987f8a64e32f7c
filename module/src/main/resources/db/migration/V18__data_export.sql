-- The pharmacy's data, exportable (issue 15 §4, SONS portability clause): one row per export the
-- titulaire asked for. The archive itself is a file under the data folder (module/exports), built
-- as the rows are read (never held in memory) and deleted once expires_at is past; the row stays
-- as the trace of who took the pharmacy's data out and when (also in the audit log).
CREATE TABLE data_export (
  id               VARCHAR(40)              NOT NULL PRIMARY KEY,
  pharmacy_finess  VARCHAR(9)               NOT NULL REFERENCES pharmacy (finess),
  requested_by     VARCHAR(64)              NOT NULL,
  -- RUNNING, DONE, FAILED (the build stopped: problem says why), EXPIRED (archive deleted)
  status           VARCHAR(10)              NOT NULL,
  rows_done        BIGINT                   NOT NULL,
  rows_total       BIGINT                   NOT NULL,
  size_bytes       BIGINT,
  sha256           VARCHAR(64),
  problem          VARCHAR(500),
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  -- written with each progress step: a RUNNING export whose heartbeat is old was interrupted
  heartbeat_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at      TIMESTAMP WITH TIME ZONE,
  expires_at       TIMESTAMP WITH TIME ZONE,
  CONSTRAINT data_export_status CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'EXPIRED'))
);
CREATE INDEX data_export_pharmacy ON data_export (pharmacy_finess, created_at);
CREATE INDEX data_export_status_expiry ON data_export (status, expires_at);

-- Audit records brought by an import: appended to this instance's chain (new seq, new hash, so
-- GET /api/v1/audit/verification stays valid end to end), and here what they were in the chain
-- they came from: their seq and hash there, and the hash before them, so that each imported record
-- can still be checked against its original hash: original_hash = SHA-256(previous_hash ||
-- canonical(record with original_seq)).
CREATE TABLE audit_import_origin (
  seq            BIGINT      NOT NULL PRIMARY KEY REFERENCES audit_record (seq),
  export_id      VARCHAR(40) NOT NULL,
  original_seq   BIGINT      NOT NULL,
  original_hash  VARCHAR(64) NOT NULL,
  previous_hash  VARCHAR(64) NOT NULL
);
