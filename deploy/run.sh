#!/usr/bin/env bash
# Starts the sandbox of the national services and the module (Payara Micro, embedded H2 in file
# mode under ./data/), builds what is missing first, and stays in the foreground until Ctrl-C.
#   MODULE_PORT (default 8080), SANDBOX_PORT (default 8090), DATA_DIR (default ./data),
#   REBUILD=1 to rebuild even when the artefacts exist.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE_PORT=${MODULE_PORT:-8080}
SANDBOX_PORT=${SANDBOX_PORT:-8090}
DATA_DIR=${DATA_DIR:-$ROOT/data}
WAR=$ROOT/module/target/module.war
SANDBOX_JAR=$ROOT/deploy/sandbox/target/sandbox.jar
PAYARA_JAR=$ROOT/deploy/target/payara-micro.jar

need() { command -v "$1" >/dev/null 2>&1 || { echo "run.sh: '$1' is required (a JDK 17+ and Maven 3.8+)." >&2; exit 1; }; }
need java
need mvn

if [[ "${REBUILD:-0}" == 1 || ! -f $WAR || ! -f $SANDBOX_JAR || ! -f $PAYARA_JAR ]]; then
  echo "==> Building the module and the sandbox (first time: Maven downloads ~250 MB)…"
  (cd "$ROOT" && mvn -q -B -DskipTests -DskipITs package)
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$MODULE_PORT" "$SANDBOX_PORT"; do
  if port_busy "$p"; then
    echo "run.sh: port $p is already in use (set MODULE_PORT / SANDBOX_PORT, or stop the other process)." >&2
    exit 1
  fi
done

mkdir -p "$DATA_DIR/logs"
pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "==> Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

wait_http() { # url, seconds, name, pid
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if ! kill -0 "$4" 2>/dev/null; then echo "run.sh: $3 stopped during start-up, see $DATA_DIR/logs/" >&2; exit 1; fi
    if (( SECONDS > deadline )); then echo "run.sh: $3 not ready after $2 s, see $DATA_DIR/logs/" >&2; exit 1; fi
    sleep 0.3
  done
}

echo "==> Starting the sandbox on http://127.0.0.1:$SANDBOX_PORT"
java -Dsun.net.httpserver.nodelay=true -jar "$SANDBOX_JAR" --host 127.0.0.1 --port "$SANDBOX_PORT" --data "$DATA_DIR/sandbox" \
  >"$DATA_DIR/logs/sandbox.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions" 60 sandbox "${pids[-1]}"

echo "==> Starting the module (Payara Micro) on http://localhost:$MODULE_PORT"
java -Dsegur.mode=sandbox -Dsegur.data.dir="$DATA_DIR" -Dsegur.sandbox.url="http://127.0.0.1:$SANDBOX_PORT" \
  -jar "$PAYARA_JAR" --deploy "$WAR" --contextroot / --port "$MODULE_PORT" --nocluster \
  --rootdir "$DATA_DIR/payara" >"$DATA_DIR/logs/module.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$MODULE_PORT/" 180 module "${pids[-1]}"

cat <<TXT

  Comptoir (counter page) : http://localhost:$MODULE_PORT/
  Comptes (sandbox only, mot de passe = identifiant) :
    titulaire, adjoint, preparateur  — Pharmacie du Marché (FINESS 690100011)
    confrere                         — Pharmacie des Arcades (FINESS 690100029)
  Ordonnances d'exemple : http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions
  QR code d'exemple     : http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions/01S2TBPZ2JCNZZYGHZ/qr.png
  Ordonnance imprimable : http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions/01S2TBPZ2JCNZZYGHZ/ordonnance.pdf
  Logs : $DATA_DIR/logs/   —   Ctrl-C pour arrêter.

TXT
wait -n "${pids[@]}"
echo "run.sh: a process stopped unexpectedly, see $DATA_DIR/logs/" >&2
exit 1
