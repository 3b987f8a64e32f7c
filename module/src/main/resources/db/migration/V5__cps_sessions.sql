-- Sessions opened with a CPS card (DIRECTE) are bound to the reader holding the card: the card
-- watcher revokes them when the card leaves. A revoked session keeps its row until it expires so
-- that the next call can say why it was refused ("Carte CPS retirée") instead of "unknown token".
ALTER TABLE app_session ADD COLUMN auth_mode VARCHAR(10) DEFAULT 'INDIRECTE' NOT NULL;
ALTER TABLE app_session ADD COLUMN card_reader VARCHAR(200);
ALTER TABLE app_session ADD COLUMN card_serial VARCHAR(40);
ALTER TABLE app_session ADD COLUMN revoked_reason VARCHAR(200);
