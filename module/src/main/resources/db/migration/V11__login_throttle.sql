-- Login throttling (issue 11 §6): failed password logins counted per account and per client
-- address, in the database so that every node of a cluster sees the same counters (many-nodes
-- issue). One row per subject while it has recent failures; deleted for an account when it logs in.
-- The failures themselves are in the audit log (action LOGIN, append-only): this is only the count.
CREATE TABLE login_throttle (
  subject_kind     VARCHAR(10)              NOT NULL,  -- ACCOUNT (login, lower-cased) | ADDRESS (IP)
  subject          VARCHAR(100)             NOT NULL,
  failures         INTEGER                  NOT NULL,
  last_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  locked_until     TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (subject_kind, subject)
);
