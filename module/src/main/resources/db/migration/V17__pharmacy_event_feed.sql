-- The pharmacy's durable event feed (issue 15 §1, GET /api/v1/events): one row per change an LGO
-- follows (dispensation recorded / refused / not recorded / in doubt / settled, send sent / refused /
-- not applicable / failed, INS qualified, reconciliation resolved), written in the transaction of
-- that change. Ids per pharmacy (1, 2, 3…), taken from the pharmacy's row of
-- pharmacy_event_sequence: the row lock orders the commits of one pharmacy as their ids, so a reader
-- resuming after an id never skips an event committed later with a lower id.
CREATE TABLE pharmacy_event_sequence (
  pharmacy_finess  VARCHAR(9)  NOT NULL PRIMARY KEY,
  last_id          BIGINT      NOT NULL
);
CREATE TABLE pharmacy_event (
  pharmacy_finess  VARCHAR(9)               NOT NULL,
  id               BIGINT                   NOT NULL,
  type             VARCHAR(40)              NOT NULL,
  occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  dispensation_id  VARCHAR(40),
  data             VARCHAR(4000)            NOT NULL,
  PRIMARY KEY (pharmacy_finess, id)
);
CREATE INDEX pharmacy_event_dispensation ON pharmacy_event (dispensation_id);
INSERT INTO pharmacy_event_sequence (pharmacy_finess, last_id) SELECT finess, 0 FROM pharmacy;
