#!/usr/bin/env bash
# A private PostgreSQL cluster for the module (issue 13 §1): Debian's PostgreSQL (installed by
# deploy/install-test-deps.sh), its own data folder, listening on 127.0.0.1 only, password
# (SCRAM) logins only, no Unix socket.
#
#   deploy/postgres.sh start    creates the cluster at the first start (initdb), starts it, creates
#                               the database and its two roles, prints the module's JDBC URL (the
#                               only line on stdout; messages go to stderr)
#   deploy/postgres.sh stop     stops it (fast shutdown: sessions rolled back, nothing committed lost)
#   deploy/postgres.sh status   exit 0 when it runs
#   deploy/postgres.sh url      prints the JDBC URL
#   deploy/postgres.sh psql     a psql prompt as the superuser (arguments passed on)
#   deploy/postgres.sh recreate drops the database $PG_DB (its data lost) and creates it anew, with
#                               its roles; the cluster must run (the tests: one database per test,
#                               PG_TEMPLATE=<database> copies an already migrated one)
#
# Settings (environment):
#   PG_PORT   (default 5433) the TCP port, on 127.0.0.1
#   DATA_DIR  (default ./data-pg) the folder of this database: the cluster in $DATA_DIR/postgres,
#             the credentials in $DATA_DIR/postgres.env (owner-only)
#   PG_BIN    the PostgreSQL binaries (default: the newest /usr/lib/postgresql/*/bin)
#   PG_DB (segur), PG_MIGRATION_ROLE (segur_migration), PG_APP_ROLE (segur_app)
#
# The roles (README « PostgreSQL »): the migration role owns the database and its tables (the
# module runs Flyway with it); the application role may only read and write rows, and at each start
# the module grants it exactly that, without UPDATE/DELETE/TRUNCATE on audit_record (append-only).
# $DATA_DIR/postgres.env holds, as MicroProfile Config environment variables, what the module needs:
#   SEGUR_DB_URL, SEGUR_DB_USER, SEGUR_DB_PASSWORD, SEGUR_DB_MIGRATION_USER,
#   SEGUR_DB_MIGRATION_PASSWORD (and PG_SUPERUSER_PASSWORD for this script).
# Use:  set -a; . "$DATA_DIR/postgres.env"; set +a   before starting Payara Micro.
#
# PostgreSQL refuses to run as root: run as root, this script runs it as the `postgres` system
# account (created by Debian's package) with a folder that account owns. When that account cannot
# reach $DATA_DIR (a parent folder closed to others, e.g. under /root), the cluster is kept in
# /var/lib/postgresql/segur/ and $DATA_DIR/postgres is a link to it.
set -euo pipefail
umask 077

cmd=${1:-}
[[ $# -gt 0 ]] && shift
PG_PORT=${PG_PORT:-5433}
DATA_DIR=${DATA_DIR:-./data-pg}
PG_DB=${PG_DB:-segur}
PG_MIGRATION_ROLE=${PG_MIGRATION_ROLE:-segur_migration}
PG_APP_ROLE=${PG_APP_ROLE:-segur_app}
PG_SUPERUSER=postgres

say() { echo "postgres.sh: $*" >&2; }
die() { say "$*"; exit 1; }

if [[ -z ${PG_BIN:-} ]]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [[ -n $PG_BIN ]] || PG_BIN=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
fi
[[ -x $PG_BIN/pg_ctl && -x $PG_BIN/initdb ]] ||
  die "PostgreSQL not found (PG_BIN=$PG_BIN): run deploy/install-test-deps.sh (apt-get install postgresql)."
PSQL=$PG_BIN/psql
[[ -x $PSQL ]] || PSQL=$(command -v psql) || die "psql not found."

mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
CLUSTER=$DATA_DIR/postgres
ENV_FILE=$DATA_DIR/postgres.env
JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB"

# Runs a command as the account that owns the cluster: `postgres` when we are root, else ourselves.
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "the 'postgres' system account is missing (apt-get install postgresql creates it)."
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi

secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32; }

# The credentials: made once, kept owner-only beside the cluster.
load_env() {
  if [[ ! -f $ENV_FILE ]]; then
    cat >"$ENV_FILE" <<EOF
# deploy/postgres.sh: the module's database (MicroProfile Config environment names). Secret.
SEGUR_DB_URL=$JDBC_URL
SEGUR_DB_USER=$PG_APP_ROLE
SEGUR_DB_PASSWORD=$(secret)
SEGUR_DB_MIGRATION_USER=$PG_MIGRATION_ROLE
SEGUR_DB_MIGRATION_PASSWORD=$(secret)
PG_SUPERUSER_PASSWORD=$(secret)
EOF
  fi
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  # the port may change between starts: the URL follows PG_PORT
  SEGUR_DB_URL=$JDBC_URL
  sed -i "s|^SEGUR_DB_URL=.*|SEGUR_DB_URL=$JDBC_URL|" "$ENV_FILE"
}

# Where the cluster's files live: $DATA_DIR/postgres, or, when root and the postgres account cannot
# reach $DATA_DIR, a folder of its own under /var/lib/postgresql linked from $DATA_DIR/postgres.
place_cluster() {
  if [[ -e $CLUSTER ]]; then
    return
  fi
  if [[ $(id -u) -eq 0 ]] && ! runuser -u postgres -- test -x "$DATA_DIR"; then
    local home key
    home=$(getent passwd postgres | cut -d: -f6)
    key=$(printf '%s' "$DATA_DIR" | sha256sum | cut -c1-16)
    mkdir -p "$home/segur"
    chown postgres: "$home/segur"
    chmod 700 "$home/segur"
    rm -rf "${home:?}/segur/$key"
    mkdir -m 700 "$home/segur/$key"
    ln -s "$home/segur/$key" "$CLUSTER"
    say "the postgres account cannot reach $DATA_DIR: cluster kept in $home/segur/$key ($CLUSTER links to it)."
  else
    mkdir -m 700 "$CLUSTER"
  fi
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$(readlink -f "$CLUSTER")"
  return 0
}

# The cluster's real folder (the postgres account may not be able to follow $DATA_DIR/postgres).
pgdata() { readlink -f "$CLUSTER"; }

running() { [[ -f $CLUSTER/PG_VERSION ]] && as_owner "$PG_BIN/pg_ctl" -D "$(pgdata)" status >/dev/null 2>&1; }

superuser_psql() {
  PGPASSWORD=$PG_SUPERUSER_PASSWORD "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" "$@"
}

init_cluster() {
  say "creating the cluster in $CLUSTER (initdb)…"
  # the superuser's password in an owner-only file removed at once, never on a command line
  local pwdir
  pwdir=$(mktemp -d)
  printf '%s\n' "$PG_SUPERUSER_PASSWORD" >"$pwdir/pw"
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$pwdir"
  as_owner "$PG_BIN/initdb" -D "$(pgdata)" -U "$PG_SUPERUSER" --pwfile="$pwdir/pw" -E UTF8 --locale=C.UTF-8 \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 >/dev/null || { rm -rf "$pwdir"; die "initdb failed"; }
  rm -rf "$pwdir"
  # Loopback only, no Unix socket (the folder's path may exceed a socket's 107 characters), the
  # server's own log in the cluster's folder (owner-only).
  as_owner tee -a "$(pgdata)/postgresql.conf" >/dev/null <<EOF

# deploy/postgres.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
password_encryption = 'scram-sha-256'
max_connections = 200
logging_collector = on
log_directory = 'log'
log_filename = 'postgresql.log'
log_file_mode = 0600
EOF
  as_owner tee "$(pgdata)/pg_hba.conf" >/dev/null <<EOF
# deploy/postgres.sh: TCP on loopback only, SCRAM passwords only
host  all  all  127.0.0.1/32  scram-sha-256
EOF
}

# The database and its roles; idempotent (run at every start, passwords reset to the env file's).
setup_database() {
  superuser_psql -d postgres <<EOF
SELECT 'CREATE ROLE $PG_MIGRATION_ROLE LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_MIGRATION_ROLE') \gexec
SELECT 'CREATE ROLE $PG_APP_ROLE LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_APP_ROLE') \gexec
ALTER ROLE $PG_MIGRATION_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$SEGUR_DB_MIGRATION_PASSWORD';
ALTER ROLE $PG_APP_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$SEGUR_DB_PASSWORD';
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_MIGRATION_ROLE ENCODING ''UTF8''${PG_TEMPLATE:+ TEMPLATE $PG_TEMPLATE}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
REVOKE ALL ON DATABASE $PG_DB FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $PG_DB TO $PG_APP_ROLE;
EOF
  # The schema belongs to the migration role; the application role may only use it (its table
  # rights are granted by the module after each migration: data/Migrations, DatabaseGrants).
  superuser_psql -d "$PG_DB" <<EOF
ALTER SCHEMA public OWNER TO $PG_MIGRATION_ROLE;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO $PG_APP_ROLE;
EOF
}

start() {
  load_env
  if running; then
    say "already running ($CLUSTER, port $PG_PORT)."
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
      die "port $PG_PORT is already in use (set PG_PORT)."
    fi
    place_cluster
    [[ -f $CLUSTER/PG_VERSION ]] || init_cluster
    say "starting PostgreSQL $(cat "$CLUSTER/PG_VERSION") on 127.0.0.1:$PG_PORT ($CLUSTER)…"
    as_owner "$PG_BIN/pg_ctl" -D "$(pgdata)" -o "-p $PG_PORT" -w -t 60 -s start >/dev/null ||
      die "PostgreSQL did not start: see $CLUSTER/log/postgresql.log"
  fi
  setup_database
  say "database $PG_DB ready: application role $PG_APP_ROLE, migration role $PG_MIGRATION_ROLE; credentials in $ENV_FILE"
  echo "$JDBC_URL"
}

stop() {
  if running; then
    as_owner "$PG_BIN/pg_ctl" -D "$(pgdata)" -m fast -w -t 60 -s stop
    say "stopped ($CLUSTER)."
  else
    say "not running ($CLUSTER)."
  fi
}

case $cmd in
  start) start ;;
  stop) stop ;;
  status) running ;;
  url) echo "$JDBC_URL" ;;
  psql) load_env; superuser_psql -d "$PG_DB" "$@" ;;
  recreate)
    load_env
    running || die "not running: deploy/postgres.sh start first."
    superuser_psql -d postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
    setup_database
    echo "jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB"
    ;;
  *) die "usage: [PG_PORT=5433] [DATA_DIR=./data-pg] deploy/postgres.sh start|stop|status|url|psql|recreate" ;;
esac
