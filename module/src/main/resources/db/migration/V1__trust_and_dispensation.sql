-- officine-segur module schema, version 1: who may act (trust) and what was dispensed.
-- Portable on H2 2.2 and PostgreSQL: string ids (UUID-based), no IDENTITY, no vendor types.
-- Timestamps are TIMESTAMP WITH TIME ZONE, written and read as java.time.OffsetDateTime.

CREATE TABLE pharmacy (
  finess        VARCHAR(9)   NOT NULL PRIMARY KEY,
  name          VARCHAR(200) NOT NULL,
  city          VARCHAR(100) NOT NULL
);

CREATE TABLE account (
  login           VARCHAR(64)  NOT NULL PRIMARY KEY,
  -- pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>
  password_hash   VARCHAR(200) NOT NULL,
  rpps            VARCHAR(11),
  last_name       VARCHAR(100) NOT NULL,
  first_name      VARCHAR(100) NOT NULL,
  role            VARCHAR(20)  NOT NULL,
  pharmacy_finess VARCHAR(9)   NOT NULL REFERENCES pharmacy (finess),
  CONSTRAINT account_role CHECK (role IN ('TITULAIRE', 'ADJOINT', 'PREPARATEUR'))
);

-- Only the SHA-256 of a bearer token is stored: a copy of the table opens no session.
CREATE TABLE app_session (
  token_hash  VARCHAR(64)              NOT NULL PRIMARY KEY,
  login       VARCHAR(64)              NOT NULL REFERENCES account (login),
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX app_session_expires ON app_session (expires_at);

-- One dispensation = one execution sent to the e-prescription base, whose idExecution is this id.
CREATE TABLE dispensation (
  id                   VARCHAR(40)              NOT NULL PRIMARY KEY,
  prescription_number  VARCHAR(18)              NOT NULL,
  pharmacy_finess      VARCHAR(9)               NOT NULL REFERENCES pharmacy (finess),
  pharmacy_name        VARCHAR(200)             NOT NULL,
  login                VARCHAR(64)              NOT NULL REFERENCES account (login),
  rpps                 VARCHAR(11),
  pharmacist_name      VARCHAR(200)             NOT NULL,
  -- SUBMITTING (sent or about to be, answer unknown), RECORDED (accepted by the base), REFUSED
  status               VARCHAR(16)              NOT NULL,
  created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  attempts             INTEGER                  NOT NULL,
  last_attempt_at      TIMESTAMP WITH TIME ZONE,
  prescription_status  VARCHAR(16),
  problem_code         VARCHAR(40),
  problem_detail       VARCHAR(2000),
  problem_line_id      VARCHAR(64),
  CONSTRAINT dispensation_status CHECK (status IN ('SUBMITTING', 'RECORDED', 'REFUSED'))
);
CREATE INDEX dispensation_status_updated ON dispensation (status, updated_at);
CREATE INDEX dispensation_prescription ON dispensation (prescription_number);

CREATE TABLE dispensation_line (
  dispensation_id       VARCHAR(40)  NOT NULL REFERENCES dispensation (id),
  line_no               INTEGER      NOT NULL,
  line_id               VARCHAR(64)  NOT NULL,
  quantity              INTEGER      NOT NULL,
  delivered_cip13       VARCHAR(13),
  delivered_label       VARCHAR(300),
  not_delivered_reason  VARCHAR(40),
  -- filled from the base's answer
  accepted_quantity     INTEGER,
  completeness_code     VARCHAR(3),
  remaining_quantity    INTEGER,
  PRIMARY KEY (dispensation_id, line_no),
  CONSTRAINT dispensation_line_unique UNIQUE (dispensation_id, line_id),
  CONSTRAINT dispensation_line_quantity CHECK (quantity >= 0)
);

-- "Mention manuscrite": a line the prescriber added by hand, recorded as such in the base.
CREATE TABLE dispensation_handwritten_line (
  dispensation_id  VARCHAR(40)  NOT NULL REFERENCES dispensation (id),
  line_no          INTEGER      NOT NULL,
  cip13            VARCHAR(13),
  label            VARCHAR(300) NOT NULL,
  quantity         INTEGER      NOT NULL,
  PRIMARY KEY (dispensation_id, line_no)
);

-- Idempotency-Key of a write, per pharmacy. The primary key arbitrates concurrent requests with
-- the same key (two counters, a double click): the second INSERT fails, whatever the JVM or node.
CREATE TABLE idempotency_record (
  pharmacy_finess    VARCHAR(9)               NOT NULL,
  idem_key           VARCHAR(100)             NOT NULL,
  -- SHA-256 (hex) of the prescription number and the canonical request body
  fingerprint        VARCHAR(64)              NOT NULL,
  -- IN_PROGRESS (a request owns it), RETRYABLE (released after a failure: a replay may take it), COMPLETED
  state              VARCHAR(16)              NOT NULL,
  dispensation_id    VARCHAR(40)              NOT NULL,
  response_status    INTEGER,
  response_type      VARCHAR(60),
  response_body      VARCHAR(200000),
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (pharmacy_finess, idem_key),
  CONSTRAINT idempotency_state CHECK (state IN ('IN_PROGRESS', 'RETRYABLE', 'COMPLETED'))
);
CREATE INDEX idempotency_state_updated ON idempotency_record (state, updated_at);
