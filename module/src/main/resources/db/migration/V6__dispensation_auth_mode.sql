-- How the professional who recorded a dispensation authenticated (issue 4 §2): DIRECTE (CPS card)
-- or INDIRECTE (login and password of the module, the pharmacy's certificate vouching). The DMP send
-- happens later, from the outbox, without the session: its VIHF reads the mode here. Dispensations
-- recorded before this version were all made in password sessions.
ALTER TABLE dispensation ADD COLUMN auth_mode VARCHAR(10) DEFAULT 'INDIRECTE' NOT NULL;
ALTER TABLE dispensation ADD CONSTRAINT dispensation_auth_mode CHECK (auth_mode IN ('DIRECTE', 'INDIRECTE'));
