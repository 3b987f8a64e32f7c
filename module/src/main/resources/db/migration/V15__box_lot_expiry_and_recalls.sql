-- The box delivered on a line, as its GS1 DataMatrix says (DataMatrix issue): lot (AI 10) and
-- serial (AI 21), 20 characters of GS1 character set 82 at most, and expiry (AI 17, day 00 already
-- turned into the month's last day). All optional: a line delivered without a scan has none.
ALTER TABLE dispensation_line ADD COLUMN box_lot VARCHAR(20);
ALTER TABLE dispensation_line ADD COLUMN box_expiry DATE;
ALTER TABLE dispensation_line ADD COLUMN box_serial VARCHAR(20);

-- Lot recalls (DP-Rappels) the module learnt from the DP's consultations: national facts (a lot of
-- a product), kept so a box of a recalled lot is refused at recording whatever the patient.
CREATE TABLE dp_recalled_lot (
  cip13      VARCHAR(13)              NOT NULL,
  lot        VARCHAR(20)              NOT NULL,
  since      DATE,
  message    VARCHAR(500),
  learnt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (cip13, lot)
);
CREATE INDEX dp_recalled_lot_lot ON dp_recalled_lot (lot);
