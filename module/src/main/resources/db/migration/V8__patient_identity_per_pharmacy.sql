-- Patient identities per pharmacy (issue 11 §1). Identitovigilance is a duty of each structure:
-- "sauf exceptions décrites dans le RNIV, chaque structure doit récupérer / vérifier l'INS de
-- l'usager" (ANS, FAQ INS, esante.gouv.fr); the check of the traits against a high-trust document
-- is "à faire au moins une fois par chaque professionnel ou structure" (RNIV FAQ, identito-na.fr).
-- Each pharmacy (FINESS) served by this instance is its own structure, so an INS retrieved or
-- qualified by one of them is its record only: its INSi call, the document seen, by whom. Until V7
-- the table held one row per INS for the whole instance; from now on one row per (pharmacy, INS).
--
-- The existing rows are given to the pharmacy that made them:
--  * a QUALIFIEE row to the pharmacy of the professional who qualified it (pharmacy_finess was
--    already written at qualification); if its last INSi retrieval was made by another pharmacy,
--    that retrieval is not this pharmacy's: its retrieval is dated by the qualification;
--  * a RECUPEREE row, and the INSi retrieval another pharmacy made of a QUALIFIEE row, to the
--    pharmacy of the account that called INSi (retrieved_by): RECUPEREE for it.
-- A row whose account no longer exists has no owner to give it to and is not kept (the identity
-- is found again by INSi at the next visit).

ALTER TABLE patient_identity DROP CONSTRAINT patient_identity_status;
ALTER TABLE patient_identity DROP CONSTRAINT patient_identity_qualified;
ALTER TABLE patient_identity RENAME TO patient_identity_v3;

CREATE TABLE patient_identity (
  pharmacy_finess   VARCHAR(9)               NOT NULL,
  matricule         VARCHAR(13)              NOT NULL,
  ins_key           VARCHAR(2)               NOT NULL,
  oid               VARCHAR(40)              NOT NULL,
  status            VARCHAR(12)              NOT NULL,
  birth_name        VARCHAR(100)             NOT NULL,
  first_names       VARCHAR(200)             NOT NULL,
  sex               VARCHAR(1)               NOT NULL,
  birth_date        DATE                     NOT NULL,
  birth_place       VARCHAR(5),
  retrieved_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  retrieved_by      VARCHAR(64)              NOT NULL,
  qualified_at      TIMESTAMP WITH TIME ZONE,
  qualified_by      VARCHAR(64),
  qualified_by_name VARCHAR(200),
  qualified_by_rpps VARCHAR(11),
  document_type     VARCHAR(20),
  CONSTRAINT patient_identity_pk PRIMARY KEY (pharmacy_finess, matricule),
  CONSTRAINT patient_identity_status CHECK (status IN ('RECUPEREE', 'QUALIFIEE')),
  CONSTRAINT patient_identity_qualified CHECK (
    status <> 'QUALIFIEE' OR (qualified_at IS NOT NULL AND qualified_by IS NOT NULL AND document_type IS NOT NULL))
);

INSERT INTO patient_identity (pharmacy_finess, matricule, ins_key, oid, status, birth_name, first_names,
    sex, birth_date, birth_place, retrieved_at, retrieved_by, qualified_at, qualified_by,
    qualified_by_name, qualified_by_rpps, document_type)
  SELECT o.pharmacy_finess, o.matricule, o.ins_key, o.oid, o.status, o.birth_name, o.first_names,
      o.sex, o.birth_date, o.birth_place,
      CASE WHEN r.pharmacy_finess = o.pharmacy_finess THEN o.retrieved_at ELSE o.qualified_at END,
      CASE WHEN r.pharmacy_finess = o.pharmacy_finess THEN o.retrieved_by ELSE o.qualified_by END,
      o.qualified_at, o.qualified_by, o.qualified_by_name, o.qualified_by_rpps, o.document_type
    FROM patient_identity_v3 o
    LEFT JOIN account r ON r.login = o.retrieved_by
    WHERE o.status = 'QUALIFIEE' AND o.pharmacy_finess IS NOT NULL;

INSERT INTO patient_identity (pharmacy_finess, matricule, ins_key, oid, status, birth_name, first_names,
    sex, birth_date, birth_place, retrieved_at, retrieved_by)
  SELECT r.pharmacy_finess, o.matricule, o.ins_key, o.oid, 'RECUPEREE', o.birth_name, o.first_names,
      o.sex, o.birth_date, o.birth_place, o.retrieved_at, o.retrieved_by
    FROM patient_identity_v3 o
    JOIN account r ON r.login = o.retrieved_by
    WHERE o.status = 'RECUPEREE' OR o.pharmacy_finess IS NULL OR r.pharmacy_finess <> o.pharmacy_finess;

DROP TABLE patient_identity_v3;
