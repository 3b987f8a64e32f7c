-- A short number per pharmacy for each recorded dispensation (« Délivrance n° 42 »): what the
-- pharmacist reads, says on the phone and finds on the delivery detail print. The UUID stays the
-- dispensation's id in the API and towards the national services.
CREATE TABLE dispensation_number (
  pharmacy_finess  VARCHAR(9)  NOT NULL REFERENCES pharmacy (finess),
  local_number     BIGINT      NOT NULL,
  dispensation_id  VARCHAR(40) NOT NULL REFERENCES dispensation (id),
  CONSTRAINT dispensation_number_pk PRIMARY KEY (pharmacy_finess, local_number),
  CONSTRAINT dispensation_number_once UNIQUE (dispensation_id)
);
