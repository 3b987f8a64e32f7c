-- Patient identities verified through INSi (identity feature). One row per INS matricule for the
-- whole instance: the module is one identity repository for the pharmacies it serves.
-- status RECUPEREE: INSi answered 00 with these traits; QUALIFIEE: and a professional checked a
-- high-trust identity document against them (identitovigilance: only then may the INS be shared).

CREATE TABLE patient_identity (
  matricule         VARCHAR(13)              NOT NULL PRIMARY KEY,
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
  pharmacy_finess   VARCHAR(9),
  document_type     VARCHAR(20),
  CONSTRAINT patient_identity_status CHECK (status IN ('RECUPEREE', 'QUALIFIEE')),
  CONSTRAINT patient_identity_qualified CHECK (
    status <> 'QUALIFIEE' OR (qualified_at IS NOT NULL AND qualified_by IS NOT NULL AND document_type IS NOT NULL))
);
