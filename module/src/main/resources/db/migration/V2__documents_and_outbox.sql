-- officine-segur module schema, version 2: the dispensation document and the durable outbox
-- (issue 3). Same portability rules as V1 (H2 2.2 and PostgreSQL).

-- The address printed on the dispensation document (CDA representedOrganization/addr, PDF header).
ALTER TABLE pharmacy ADD COLUMN street VARCHAR(200);
ALTER TABLE pharmacy ADD COLUMN postal_code VARCHAR(10);

-- The dispensation document, built ONCE when the base accepted the dispensation and stored in the
-- same transaction that marks it RECORDED: every send and every retry reads these bytes, so the
-- DMP always receives the same uniqueId with the same hash.
CREATE TABLE dispensation_document (
  dispensation_id     VARCHAR(40)              NOT NULL PRIMARY KEY REFERENCES dispensation (id),
  unique_id           VARCHAR(128)             NOT NULL,
  cda                 BLOB                     NOT NULL,
  pdf                 BLOB                     NOT NULL,
  -- XDS DocumentEntry values (DocumentEntryMetadata), one "key=value" per line
  metadata            VARCHAR(8000)            NOT NULL,
  -- patient INS (matricule + key) and its OID; null when the identity is not qualified
  patient_ins         VARCHAR(15),
  patient_ins_oid     VARCHAR(40),
  -- the pharmacist responsible for the delivery: the VIHF subject and the document's author
  author_rpps         VARCHAR(11)              NOT NULL,
  author_family_name  VARCHAR(100)             NOT NULL,
  author_given_name   VARCHAR(100)             NOT NULL,
  author_role         VARCHAR(20)              NOT NULL,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT dispensation_document_unique_id UNIQUE (unique_id)
);

-- One row per outgoing send of a dispensation to a national service after the base accepted it
-- (target DMP now, DP later). Written in the dispensation's transaction; drained by OutboxPoller.
CREATE TABLE outbox (
  id               VARCHAR(40)              NOT NULL PRIMARY KEY,
  target           VARCHAR(16)              NOT NULL,
  dispensation_id  VARCHAR(40)              NOT NULL REFERENCES dispensation (id),
  pharmacy_finess  VARCHAR(9)               NOT NULL,
  -- PENDING (to send or resend), SENT, REFUSED (business refusal, never retried),
  -- NOT_APPLICABLE (nothing to send: no DMP, no INS...)
  state            VARCHAR(16)              NOT NULL,
  reason           VARCHAR(2000),
  attempts         INTEGER                  NOT NULL,
  next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  last_attempt_at  TIMESTAMP WITH TIME ZONE,
  -- a poller owns a PENDING row until this instant (claimed by a conditional UPDATE)
  claimed_until    TIMESTAMP WITH TIME ZONE,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT outbox_one_per_target UNIQUE (dispensation_id, target),
  CONSTRAINT outbox_state CHECK (state IN ('PENDING', 'SENT', 'REFUSED', 'NOT_APPLICABLE'))
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_pharmacy ON outbox (pharmacy_finess, state);
