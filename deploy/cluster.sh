#!/usr/bin/env bash
# Many nodes (issue 13 §5, DESIGN.md « How it starts »): starts PostgreSQL (deploy/postgres.sh), the
# sandbox of the national services, NODES module nodes (Payara Micro, the same WAR) and HAProxy in
# front, prints the counter URL behind HAProxy, and stays in the foreground until Ctrl-C, which stops
# everything it started.
#   NODES (2), FRONT_PORT (HAProxy, 8080), NODE_BASE_PORT (node i on NODE_BASE_PORT + i, 8180),
#   SANDBOX_PORT / SANDBOX_TLS_PORT / SANDBOX_SMTP_PORT (8090 / 8091 / 8587), PG_PORT (5433), DATA_DIR (./data-cluster),
#   CLUSTER_BASE_PORT (the nodes' data grid: node i on CLUSTER_BASE_PORT + i, 6900, loopback only),
#   CDA_VALIDATION (on), MODULE_JAVA_OPTS, MODULE_EXTRA_JAVA_OPTS, MODULE_CDS and MODULE_SHARED_LIBS (as run.sh), REBUILD=1, MODULE_WAR / SANDBOX_JAR / PAYARA_JAR.
# An existing PostgreSQL: export SEGUR_DB_URL, SEGUR_DB_USER, SEGUR_DB_PASSWORD,
# SEGUR_DB_MIGRATION_USER, SEGUR_DB_MIGRATION_PASSWORD before starting: no PostgreSQL is started then
# (README « Many nodes »).
set -euo pipefail
umask 077

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# need, build_if_missing, port_busy, wait_http, module_logging, start_sandbox (shared with run.sh)
. "$ROOT/deploy/lib/launch.sh"
NODES=${NODES:-2}
FRONT_PORT=${FRONT_PORT:-8080}
NODE_BASE_PORT=${NODE_BASE_PORT:-8180}
SANDBOX_PORT=${SANDBOX_PORT:-8090}
SANDBOX_TLS_PORT=${SANDBOX_TLS_PORT:-8091}
SANDBOX_SMTP_PORT=${SANDBOX_SMTP_PORT:-8587}
PG_PORT=${PG_PORT:-5433}
CLUSTER_BASE_PORT=${CLUSTER_BASE_PORT:-6900}
DATA_DIR=${DATA_DIR:-$ROOT/data-cluster}
CDA_VALIDATION=${CDA_VALIDATION:-on}
# MODULE_EXTRA_JAVA_OPTS: added to them (a system property for one run, the tests' settings)
MODULE_JAVA_OPTS="${MODULE_JAVA_OPTS:-$DEFAULT_MODULE_JAVA_OPTS} ${MODULE_EXTRA_JAVA_OPTS:-}"
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
WAR=${MODULE_WAR:-$ROOT/module/target/module.war}
SANDBOX_JAR=${SANDBOX_JAR:-$ROOT/deploy/sandbox/target/sandbox.jar}
PAYARA_JAR=${PAYARA_JAR:-$ROOT/deploy/target/payara-micro.jar}

need java "A JDK 17+."
need mvn "Maven 3.8+."
need curl ""
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
[[ -x $HAPROXY ]] || { echo "cluster.sh: HAProxy is required: apt-get install haproxy (deploy/install-test-deps.sh installs it)." >&2; exit 1; }
(( NODES >= 1 )) || { echo "cluster.sh: NODES must be at least 1." >&2; exit 1; }

build_if_missing

ports=("$FRONT_PORT" "$SANDBOX_PORT" "$SANDBOX_TLS_PORT" "$SANDBOX_SMTP_PORT")
for i in $(seq 1 "$NODES"); do ports+=($((NODE_BASE_PORT + i)) $((CLUSTER_BASE_PORT + i))); done
for p in "${ports[@]}"; do
  if port_busy "$p"; then
    echo "cluster.sh: port $p is already in use (set FRONT_PORT / NODE_BASE_PORT / CLUSTER_BASE_PORT / SANDBOX_PORT / SANDBOX_TLS_PORT / SANDBOX_SMTP_PORT, or stop the other process)." >&2
    exit 1
  fi
done

mkdir -p "$DATA_DIR/logs" "$DATA_DIR/cluster"
chmod -R go-rwx "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)

pids=()
started_pg=0
stop() {
  local rc=$?
  trap - INT TERM EXIT
  echo; echo "==> Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for i in $(seq 1 "$NODES"); do payara_archive_stop "$DATA_DIR/node$i/payara"; done
  wait 2>/dev/null || true
  if (( started_pg )); then PG_PORT=$PG_PORT DATA_DIR=$DATA_DIR "$ROOT/deploy/postgres.sh" stop || true; fi
  exit "$rc"   # a trap returns to where the script was: the supervision loop would start the nodes again
}
trap stop INT TERM EXIT


# 1. PostgreSQL: ours (deploy/postgres.sh, loopback, SCRAM), unless the operator gave one.
if [[ -z ${SEGUR_DB_URL:-} ]]; then
  echo "==> Starting PostgreSQL on 127.0.0.1:$PG_PORT ($DATA_DIR/postgres)"
  PG_PORT=$PG_PORT DATA_DIR=$DATA_DIR "$ROOT/deploy/postgres.sh" start >/dev/null
  started_pg=1
  set -a
  # shellcheck disable=SC1091
  . "$DATA_DIR/postgres.env"
  set +a
else
  echo "==> Using the PostgreSQL of SEGUR_DB_URL ($SEGUR_DB_URL)"
fi
export SEGUR_DB_URL SEGUR_DB_USER SEGUR_DB_PASSWORD SEGUR_DB_MIGRATION_USER SEGUR_DB_MIGRATION_PASSWORD

# 2. The sandbox, once for every node.
start_sandbox

# 3. The nodes' data grid (Payara's Hazelcast), for what may be lost (issue 11 §2, issue 13 §2):
# members found by a fixed list (no multicast), every socket bound to loopback only
# (hazelcast.socket.bind.any=false: with it true, the default, Hazelcast listens on every interface
# whatever "interfaces" says), and a cluster name made of a secret kept in $DATA_DIR/cluster/secret
# (0600, generated at the first start, or CLUSTER_SECRET_FILE): a member or client that does not
# know it is refused. The file holding it is 0600 and only its path is on the command line.
SECRET_FILE=${CLUSTER_SECRET_FILE:-$DATA_DIR/cluster/secret}
[[ -s $SECRET_FILE ]] || head -c 32 /dev/urandom | sha256sum | cut -c1-40 >"$SECRET_FILE"
CLUSTER_NAME="officine-segur-$(tr -dc '0-9a-zA-Z' <"$SECRET_FILE")"
members=""
for i in $(seq 1 "$NODES"); do members+="<member>127.0.0.1:$((CLUSTER_BASE_PORT + i))</member>"; done

# 4. The nodes: the same WAR, plain http on loopback only, MicroProfile Health on for HAProxy.
declare -A node_pid node_ready
start_node() { # i
  local i=$1 node_dir=$DATA_DIR/node$1 port=$((NODE_BASE_PORT + $1))
  mkdir -p "$node_dir/launch"
  cat >"$node_dir/launch/hazelcast.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<hazelcast xmlns="http://www.hazelcast.com/schema/config">
  <cluster-name>$CLUSTER_NAME</cluster-name>
  <properties>
    <property name="hazelcast.socket.bind.any">false</property>
    <property name="hazelcast.phone.home.enabled">false</property>
  </properties>
  <network>
    <port auto-increment="false">$((CLUSTER_BASE_PORT + i))</port>
    <interfaces enabled="true"><interface>127.0.0.1</interface></interfaces>
    <join>
      <multicast enabled="false"/>
      <auto-detection enabled="false"/>
      <tcp-ip enabled="true">$members</tcp-ip>
    </join>
  </network>
</hazelcast>
XML
  module_logging "$node_dir/launch/logging.properties" "$DATA_DIR/logs/node$i.%g.log" 10485760 10
  # Payara as a launcher kept with its class-data archive, reset at each start: each start deploys
  # exactly the current WAR, once (as run.sh; deploy/lib/launch.sh)
  payara_launcher "$node_dir/payara" "$WAR"
  node_ready[$i]=0
  echo "==> Starting node $i on http://127.0.0.1:$port (data grid 127.0.0.1:$((CLUSTER_BASE_PORT + i)))"
  read -ra JAVA_OPTS <<<"$MODULE_JAVA_OPTS"
  java "${JAVA_OPTS[@]}" -Dsegur.mode=sandbox -Dsegur.data.dir="$node_dir" \
    -Dsegur.sandbox.url="https://127.0.0.1:$SANDBOX_TLS_PORT" -Dsegur.pki.dir="$DATA_DIR/sandbox/pki/issued" \
    -Dsegur.mssante.smtp.host=127.0.0.1 -Dsegur.mssante.smtp.port="$SANDBOX_SMTP_PORT" \
    -Dhazelcast.socket.bind.any=false \
    "${PAYARA_LAUNCH[@]}" --deploy "$DEPLOY_WAR" --contextroot / --port "$port" --name "node$i" \
    --hzconfigfile "$node_dir/launch/hazelcast.xml" --disablephonehome \
    --prebootcommandfile "$ROOT/deploy/payara/single-node.preboot" \
    --postbootcommandfile "$ROOT/deploy/payara/cluster-node.postboot" \
    --logproperties "$node_dir/launch/logging.properties" >>"$DATA_DIR/logs/node$i-console.log" 2>&1 &
  node_pid[$i]=$!
  pids+=($!)
  echo "$!" >"$node_dir/node.pid"
}
# Node 1 first: it migrates the schema and seeds the sandbox accounts alone; the others then find
# both done (and a restarted node finds them too).
node_is_ready() { # i: the class-data archive of its next starts, written in the background
  payara_archive "$DATA_DIR/node$1/payara" "${node_pid[$1]}"
  node_ready[$1]=1
}
start_node 1
wait_http "http://127.0.0.1:$((NODE_BASE_PORT + 1))/health/ready" 600 "node 1" "${node_pid[1]}"
node_is_ready 1
for i in $(seq 2 "$NODES"); do start_node "$i"; done
for i in $(seq 2 "$NODES"); do
  wait_http "http://127.0.0.1:$((NODE_BASE_PORT + i))/health/ready" 600 "node $i" "${node_pid[$i]}"
  node_is_ready "$i"
done

# 5. HAProxy in front: round robin, no stickiness (the nodes share what a counter relies on), each
# node taken out when its readiness fails twice (or at its first refused connection), back after two
# successes; a request whose connection to a node failed (killed) is sent to another (nothing of it
# reached the dead node);
# server-sent events (presence, counter events) kept open (heartbeat every 10 s). Payara's own
# /health, /metrics and /openapi are for HAProxy and the operator on the nodes' loopback ports only.
{
  cat <<CFG
global
  maxconn 4096
  log stderr format short local0 notice

defaults
  mode http
  log global
  option httplog
  option redispatch
  retries 3
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-request 10s
  # a node's readiness may take more than the check interval on a busy machine: without this the
  # check timed out after inter (1 s) and live nodes, both answering, were taken out in turn, the
  # front answering 503 « no server available » (ClusterScriptIT: Layer7 timeout after 1,002-1,049
  # ms at load average 25, and after 5 s at load 39). A dead node is still out at once (refused
  # connection); a hung one after two checks.
  timeout check 10s

frontend counters
  bind 127.0.0.1:$FRONT_PORT
  # no cleartext HTTP/2 upgrade (h2c) through the front: HAProxy would pass the upgrade to a node
  # and tunnel the connection's next requests to it unseen, past the rules below and the balancing
  # (ClusterScriptIT: Java's HTTP client asks for it and got the node's /health through the front)
  http-request del-header upgrade if { req.hdr(upgrade) -i h2c }
  http-request del-header http2-settings
  http-request deny deny_status 404 if { path_beg /health /metrics /openapi }
  default_backend nodes

backend nodes
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  # a new connection per request: a reused one to a node killed meanwhile failed after sending (502);
  # a refused connection is retried on another node (nothing reached the dead one), which is marked
  # down at its first refused connection, before its health checks fail
  http-reuse never
  default-server inter 1s fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down
CFG
  for i in $(seq 1 "$NODES"); do
    echo "  server node$i 127.0.0.1:$((NODE_BASE_PORT + i)) check"
  done
} >"$DATA_DIR/haproxy.cfg"
"$HAPROXY" -c -q -f "$DATA_DIR/haproxy.cfg"
echo "==> Starting HAProxy on http://127.0.0.1:$FRONT_PORT"
"$HAPROXY" -db -f "$DATA_DIR/haproxy.cfg" >>"$DATA_DIR/logs/haproxy.log" 2>&1 &
haproxy_pid=$!
pids+=($!)
echo "$haproxy_pid" >"$DATA_DIR/haproxy.pid"
wait_http "http://127.0.0.1:$FRONT_PORT/" 60 HAProxy "$haproxy_pid"

cat <<TXT

  Comptoir (counter page) : http://localhost:$FRONT_PORT/   (HAProxy → $NODES nœuds)
  Nœuds                   : $(for i in $(seq 1 "$NODES"); do printf 'http://127.0.0.1:%s/ ' $((NODE_BASE_PORT + i)); done)
  Base de données         : ${SEGUR_DB_URL}
  Comptes (sandbox only, mot de passe = identifiant) :
    titulaire, adjoint, preparateur  — Pharmacie du Marché (FINESS 690100011)
    confrere                         — Pharmacie des Arcades (FINESS 690100029)
  Ordonnances d'exemple : http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions
  Logs : $DATA_DIR/logs/   —   Ctrl-C pour arrêter.

TXT
# A node that dies (a crash, kill -9) is started again, as a service manager would: HAProxy sends
# the counters to the others meanwhile and takes it back once ready. HAProxy or the sandbox dying
# stops everything.
sandbox_pid=${pids[0]}
while true; do
  for p in "$haproxy_pid" "$sandbox_pid"; do
    kill -0 "$p" 2>/dev/null || { echo "cluster.sh: HAProxy or the sandbox stopped unexpectedly, see $DATA_DIR/logs/" >&2; exit 1; }
  done
  for i in $(seq 1 "$NODES"); do
    if ! kill -0 "${node_pid[$i]}" 2>/dev/null; then
      wait "${node_pid[$i]}" 2>/dev/null || true
      echo "cluster.sh: node $i stopped ($(date -u +%H:%M:%S)), starting it again; see $DATA_DIR/logs/node$i.0.log" >&2
      start_node "$i"
    elif (( ! node_ready[$i] )) && curl -fsS -o /dev/null "http://127.0.0.1:$((NODE_BASE_PORT + i))/health/ready" 2>/dev/null; then
      node_is_ready "$i"
    fi
  done
  sleep 1
done
