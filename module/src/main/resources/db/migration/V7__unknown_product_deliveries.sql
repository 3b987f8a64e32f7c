-- Lines unknown to the e-prescription base ("produit inconnu de la base", e.g. LPP devices such as
-- eye lubricants): the base refuses any execution on them, so the module never sends them and keeps
-- them here, written in the transaction that stores their dispensation, for a later reconciliation.
-- A row counts (listed, subtracted from what remains) once its dispensation is RECORDED.
CREATE TABLE unknown_product_delivery (
  id                   VARCHAR(40)              NOT NULL PRIMARY KEY,
  dispensation_id      VARCHAR(40)              NOT NULL REFERENCES dispensation (id),
  prescription_number  VARCHAR(18)              NOT NULL,
  line_id              VARCHAR(64)              NOT NULL,
  product_code         VARCHAR(64),
  code_system          VARCHAR(64),
  label                VARCHAR(300)             NOT NULL,
  quantity             INTEGER                  NOT NULL,
  pharmacy_finess      VARCHAR(9)               NOT NULL REFERENCES pharmacy (finess),
  login                VARCHAR(64)              NOT NULL REFERENCES account (login),
  pharmacist_name      VARCHAR(200)             NOT NULL,
  delivered_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  -- PENDING_RECONCILIATION, then RESOLVED
  state                VARCHAR(32)              NOT NULL,
  resolution_note      VARCHAR(1000),
  resolved_by          VARCHAR(200),
  resolved_at          TIMESTAMP WITH TIME ZONE,
  CONSTRAINT unknown_product_delivery_line UNIQUE (dispensation_id, line_id)
);

CREATE INDEX unknown_product_delivery_pharmacy_state ON unknown_product_delivery (pharmacy_finess, state);
CREATE INDEX unknown_product_delivery_prescription ON unknown_product_delivery (prescription_number);
