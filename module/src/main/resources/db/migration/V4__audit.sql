-- Audit log of every access to patient data (issue 4 §5): append-only, hash-chained.
-- hash = SHA-256(previous hash || canonical record), see fr.officine.segur.audit.AuditChain.
--
-- Append-only: the module's code has no UPDATE or DELETE on audit_record (only the chain head is
-- updated, inside the append). On PostgreSQL the database enforces it too: the tables belong to a
-- migration role and the application role gets
--   GRANT SELECT, INSERT ON audit_record TO segur_app;
--   GRANT SELECT, UPDATE ON audit_chain_head TO segur_app;
--   REVOKE UPDATE, DELETE, TRUNCATE ON audit_record FROM segur_app;
-- On H2 (one embedded admin user, "sa") nothing stops a hand edit: the hash chain detects it
-- (GET /api/v1/audit/verification, or VerifyAuditChain offline).

-- One row: the end of the chain. Appends lock it (SELECT ... FOR UPDATE), so records are chained
-- one after the other whatever the number of JVMs sharing the database.
CREATE TABLE audit_chain_head (
  id         INTEGER     NOT NULL PRIMARY KEY,
  last_seq   BIGINT      NOT NULL,
  last_hash  VARCHAR(64) NOT NULL,
  CONSTRAINT audit_chain_head_single CHECK (id = 1)
);
INSERT INTO audit_chain_head (id, last_seq, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_record (
  seq                  BIGINT                   NOT NULL PRIMARY KEY,
  occurred_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  -- who: absent for a call without a valid session
  login                VARCHAR(64),
  rpps                 VARCHAR(11),
  role                 VARCHAR(20),
  pharmacy_finess      VARCHAR(9),
  -- what: fr.officine.segur.trust.Action, and its target (prescription number, dispensation id...)
  action               VARCHAR(40)              NOT NULL,
  target               VARCHAR(100),
  prescription_number  VARCHAR(18),
  -- which patient: the 13-character INS matricule, for search only (never in the application log)
  ins_matricule        VARCHAR(13),
  -- from where
  client_ip            VARCHAR(45),
  user_agent           VARCHAR(200),
  -- outcome
  http_status          INTEGER                  NOT NULL,
  problem_code         VARCHAR(60),
  hash                 VARCHAR(64)              NOT NULL
);
CREATE INDEX audit_record_ins ON audit_record (ins_matricule);
CREATE INDEX audit_record_prescription ON audit_record (prescription_number);
CREATE INDEX audit_record_pharmacy ON audit_record (pharmacy_finess, seq);
