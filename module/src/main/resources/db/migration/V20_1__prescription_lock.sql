-- One row per prescription on which a line unknown to the base was delivered (issue 11 §17, issue
-- 13 §3): the module alone counts those deliveries, so the check of what remains and the insert of
-- a new delivery run while the prescription's row is locked (SELECT ... FOR UPDATE). A row lock in
-- the shared database holds for every node, where a JVM lock held only within one module.
CREATE TABLE prescription_lock (
  prescription_number  VARCHAR(18)              NOT NULL PRIMARY KEY,
  created_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
