-- DMP of the sandbox (its own H2: <data>/dmp/dmp). Plain SQL, idempotent: run at every start.
CREATE TABLE IF NOT EXISTS dmp_meta (
  meta_key VARCHAR(64) PRIMARY KEY,
  meta_value VARCHAR(255) NOT NULL
);
CREATE TABLE IF NOT EXISTS dmp_patient (
  ins CHAR(15) PRIMARY KEY,
  nom VARCHAR(100) NOT NULL,
  prenom VARCHAR(100) NOT NULL,
  -- ACTIF, AUCUN (no DMP), FERME
  statut VARCHAR(10) NOT NULL,
  date_fermeture DATE,
  motif_fermeture VARCHAR(200),
  opposition_alimentation BOOLEAN NOT NULL,
  scenario VARCHAR(300) NOT NULL
);
-- Professionals the patient blocked (RPPS): they can neither read nor feed this DMP.
CREATE TABLE IF NOT EXISTS dmp_ps_bloque (
  ins CHAR(15) NOT NULL REFERENCES dmp_patient(ins) ON DELETE CASCADE,
  rpps CHAR(11) NOT NULL,
  PRIMARY KEY (ins, rpps)
);
CREATE TABLE IF NOT EXISTS dmp_document (
  entry_uuid VARCHAR(64) PRIMARY KEY,
  -- The XDS uniqueId: the same document sent twice is refused (XDSDocumentUniqueIdError).
  unique_id VARCHAR(128) NOT NULL UNIQUE,
  ins CHAR(15) NOT NULL,
  patient_id VARCHAR(128) NOT NULL,
  class_code VARCHAR(64) NOT NULL,
  type_code VARCHAR(64) NOT NULL,
  format_code VARCHAR(128) NOT NULL,
  confidentiality VARCHAR(300) NOT NULL,
  masque_ps BOOLEAN NOT NULL,
  title VARCHAR(300),
  mime_type VARCHAR(100) NOT NULL,
  size_bytes BIGINT NOT NULL,
  hash_sha1 CHAR(40) NOT NULL,
  author VARCHAR(300) NOT NULL,
  author_rpps VARCHAR(11),
  creation_time VARCHAR(14),
  submission_time VARCHAR(14) NOT NULL,
  submission_set_unique_id VARCHAR(128) NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
  -- The ExtrinsicObject as received (symbolic ids replaced), returned by ITI-18 LeafClass.
  metadata CLOB NOT NULL,
  content BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS dmp_document_ins ON dmp_document(ins);
-- The VIHF's Authentification_Mode of the submission (DIRECTE: CPS card; INDIRECTE: structure
-- certificate); null for seeded documents and documents forwarded by the DP.
ALTER TABLE dmp_document ADD COLUMN IF NOT EXISTS authentication_mode VARCHAR(20);
