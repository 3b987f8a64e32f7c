-- Issue 10 §1: a dispensation that never reached the base is NOT_RECORDED at once (final); one
-- whose answer was lost is IN_DOUBT until the base says whether it recorded it. settled_at /
-- settled_by: when and by whom (a pharmacist's name, or 'recovery') an in-doubt one was settled.
ALTER TABLE dispensation DROP CONSTRAINT dispensation_status;
ALTER TABLE dispensation ADD CONSTRAINT dispensation_status
  CHECK (status IN ('SUBMITTING', 'RECORDED', 'REFUSED', 'NOT_RECORDED', 'IN_DOUBT'));
ALTER TABLE dispensation ADD COLUMN settled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dispensation ADD COLUMN settled_by VARCHAR(200);
CREATE INDEX dispensation_pharmacy_status ON dispensation (pharmacy_finess, status);
