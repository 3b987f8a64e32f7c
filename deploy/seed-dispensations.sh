#!/usr/bin/env bash
# Seeds N recorded dispensations (default 1,000,000) into the module's PostgreSQL database, the one
# deploy/postgres.sh runs (same DATA_DIR and PG_PORT): the benchmark of consult and record with a
# large database against an empty one (issue 13 §7, README « Benchmarks »).
#
# The module must have migrated the database and seeded the sandbox pharmacies and accounts first
# (one start with -Dsegur.mode=sandbox). Each seeded dispensation: RECORDED, two lines, its DMP send
# SENT, its short number, spread over the two sandbox pharmacies, N/3 prescription numbers (SEED…)
# and the past year. No document (a million CDA+PDF would be tens of GB; no call reads them but
# document.pdf/xml of that dispensation) and no audit record (the chain is hashed record by record).
# Re-running replaces the seeded rows (ids seed-…). Runs as the migration role (the tables' owner).
#   N=1000000 DATA_DIR=./data-pg PG_PORT=5433 deploy/seed-dispensations.sh
set -euo pipefail
N=${N:-1000000}
DATA_DIR=${DATA_DIR:-./data-pg}
PG_PORT=${PG_PORT:-5433}
PG_DB=${PG_DB:-segur}
ENV_FILE=$DATA_DIR/postgres.env
[[ -f $ENV_FILE ]] || { echo "seed-dispensations.sh: $ENV_FILE not found: deploy/postgres.sh start first." >&2; exit 1; }
# shellcheck disable=SC1090
. "$ENV_FILE"
PSQL=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/psql
[[ -x $PSQL ]] || PSQL=$(command -v psql)

echo "seed-dispensations.sh: seeding $N dispensations into $PG_DB on 127.0.0.1:$PG_PORT…" >&2
start=$(date +%s)
PGPASSWORD=$SEGUR_DB_MIGRATION_PASSWORD "$PSQL" -X -q -v ON_ERROR_STOP=1 -v n="$N" \
  -h 127.0.0.1 -p "$PG_PORT" -U "$SEGUR_DB_MIGRATION_USER" -d "$PG_DB" <<'SQL'
BEGIN;
DELETE FROM outbox WHERE dispensation_id LIKE 'seed-%';
DELETE FROM dispensation_number WHERE dispensation_id LIKE 'seed-%';
DELETE FROM dispensation_line WHERE dispensation_id LIKE 'seed-%';
DELETE FROM dispensation WHERE id LIKE 'seed-%';
INSERT INTO dispensation (id, prescription_number, pharmacy_finess, pharmacy_name, login, rpps,
    pharmacist_name, status, created_at, updated_at, attempts, last_attempt_at, prescription_status, auth_mode)
  SELECT 'seed-' || g,
      'SEED' || lpad((g % greatest(:n / 3, 1))::text, 14, '0'),
      CASE WHEN g % 2 = 0 THEN '690100011' ELSE '690100029' END,
      CASE WHEN g % 2 = 0 THEN 'Pharmacie du Marché' ELSE 'Pharmacie des Arcades' END,
      CASE WHEN g % 2 = 0 THEN 'titulaire' ELSE 'confrere' END,
      CASE WHEN g % 2 = 0 THEN '10100000016' ELSE '10100000032' END,
      CASE WHEN g % 2 = 0 THEN 'Claire MARTIN' ELSE 'Louis BERNARD' END,
      'RECORDED', now() - make_interval(secs => g * 31.5), now() - make_interval(secs => g * 31.5), 1,
      now() - make_interval(secs => g * 31.5), 'PARTIELLE', 'INDIRECTE'
    FROM generate_series(1, :n) g;
INSERT INTO dispensation_line (dispensation_id, line_no, line_id, quantity, delivered_cip13, delivered_label,
    accepted_quantity, completeness_code, remaining_quantity)
  SELECT 'seed-' || g, l, 'L' || l, 1, '3400935955838', 'DOLIPRANE 1000 mg, comprimé, boîte de 8', 1, 'FFP', 1
    FROM generate_series(1, :n) g, generate_series(1, 2) l;
-- numbered after what each pharmacy already has (the module numbers MAX + 1): the database may hold
-- real dispensations, e.g. the benchmark's rounds on the empty database
INSERT INTO dispensation_number (pharmacy_finess, local_number, dispensation_id)
  WITH base AS (
    SELECT f.finess, COALESCE(MAX(n.local_number), 0) AS last
      FROM (VALUES ('690100011'), ('690100029')) f(finess)
      LEFT JOIN dispensation_number n ON n.pharmacy_finess = f.finess
      GROUP BY f.finess)
  SELECT b.finess, b.last + (g + 1) / 2, 'seed-' || g
    FROM generate_series(1, :n) g
    JOIN base b ON b.finess = CASE WHEN g % 2 = 0 THEN '690100011' ELSE '690100029' END;
INSERT INTO outbox (id, target, dispensation_id, pharmacy_finess, state, reason, reason_code, attempts, next_attempt_at,
    last_attempt_at, created_at, updated_at)
  SELECT 'seed-o-' || g, 'DMP', 'seed-' || g, CASE WHEN g % 2 = 0 THEN '690100011' ELSE '690100029' END,
      'SENT', 'Document déposé dans le DMP.', 'DMP_DEPOSITED', 1, now() - make_interval(secs => g * 31.5),
      now() - make_interval(secs => g * 31.5), now() - make_interval(secs => g * 31.5), now() - make_interval(secs => g * 31.5)
    FROM generate_series(1, :n) g;
COMMIT;
ANALYZE;
SQL
echo "seed-dispensations.sh: $N dispensations (and $((2 * N)) lines, $N numbers, $N sends) in $(($(date +%s) - start)) s." >&2
