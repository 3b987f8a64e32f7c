-- Dossier Pharmaceutique stub of the sandbox (its own H2: <data>/dp/dp). Plain SQL, idempotent: run at every start.
CREATE TABLE IF NOT EXISTS dp_meta (
  meta_key VARCHAR(64) PRIMARY KEY,
  meta_value VARCHAR(255) NOT NULL
);
CREATE TABLE IF NOT EXISTS dp_patient (
  ins CHAR(15) PRIMARY KEY,
  nom VARCHAR(100) NOT NULL,
  prenom VARCHAR(100) NOT NULL,
  -- carte Vitale data: NIR (13), rang, date of birth
  nir CHAR(13) NOT NULL,
  rang INT NOT NULL,
  date_naissance DATE NOT NULL,
  -- ACTIF, AUCUN (no DP), FERME, REFUS_ACCES (the patient refuses the pharmacist's access)
  statut VARCHAR(12) NOT NULL,
  scenario VARCHAR(300) NOT NULL
);
-- Products the patient refused to have recorded in the DP.
CREATE TABLE IF NOT EXISTS dp_produit_refuse (
  ins CHAR(15) NOT NULL REFERENCES dp_patient(ins) ON DELETE CASCADE,
  cip13 CHAR(13) NOT NULL,
  PRIMARY KEY (ins, cip13)
);
-- One row per alimenterDP accepted: the pharmacy's dispensation id makes a replay a no-op.
CREATE TABLE IF NOT EXISTS dp_enregistrement (
  id_dispensation VARCHAR(64) PRIMARY KEY,
  ins CHAR(15) NOT NULL,
  lignes INT NOT NULL,
  statut_dmp VARCHAR(40),
  recu_le TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE IF NOT EXISTS dp_dispensation (
  id VARCHAR(80) PRIMARY KEY,
  id_dispensation VARCHAR(64) NOT NULL,
  ins CHAR(15) NOT NULL,
  delivree_le TIMESTAMP WITH TIME ZONE NOT NULL,
  finess CHAR(9) NOT NULL,
  pharmacie VARCHAR(200) NOT NULL,
  cip13 CHAR(13) NOT NULL,
  libelle VARCHAR(300) NOT NULL,
  atc VARCHAR(8),
  quantite INT NOT NULL,
  lot VARCHAR(40)
);
CREATE INDEX IF NOT EXISTS dp_dispensation_ins ON dp_dispensation(ins);
