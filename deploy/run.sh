#!/usr/bin/env bash
# Starts the sandbox of the national services and the module (Payara Micro, embedded H2 in file
# mode under ./data/), builds what is missing first, and stays in the foreground until Ctrl-C.
# The module calls the sandbox over mutual TLS (the sandbox's test PKI, issued at its first start
# under $DATA_DIR/sandbox/pki) and serves https too, with a certificate generated here at first start.
#   MODULE_PORT (default 8080), MODULE_TLS_PORT (8443), SANDBOX_PORT (8090), SANDBOX_TLS_PORT (8091),
#   DATA_DIR (default ./data), REBUILD=1 to rebuild even when the artefacts exist.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE_PORT=${MODULE_PORT:-8080}
MODULE_TLS_PORT=${MODULE_TLS_PORT:-8443}
SANDBOX_PORT=${SANDBOX_PORT:-8090}
SANDBOX_TLS_PORT=${SANDBOX_TLS_PORT:-8091}
DATA_DIR=${DATA_DIR:-$ROOT/data}
WAR=$ROOT/module/target/module.war
SANDBOX_JAR=$ROOT/deploy/sandbox/target/sandbox.jar
PAYARA_JAR=$ROOT/deploy/target/payara-micro.jar

need() { command -v "$1" >/dev/null 2>&1 || { echo "run.sh: '$1' is required (a JDK 17+ and Maven 3.8+)." >&2; exit 1; }; }
need java
need mvn
# keytool comes with the JDK that runs java (it may not be on PATH)
KEYTOOL=$(dirname "$(readlink -f "$(command -v java)")")/keytool
[[ -x $KEYTOOL ]] || KEYTOOL=$(command -v keytool) || { echo "run.sh: keytool (JDK) not found." >&2; exit 1; }

if [[ "${REBUILD:-0}" == 1 || ! -f $WAR || ! -f $SANDBOX_JAR || ! -f $PAYARA_JAR ]]; then
  echo "==> Building the module and the sandbox (first time: Maven downloads ~250 MB)…"
  (cd "$ROOT" && mvn -q -B -DskipTests -DskipITs package)
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$MODULE_PORT" "$MODULE_TLS_PORT" "$SANDBOX_PORT" "$SANDBOX_TLS_PORT"; do
  if port_busy "$p"; then
    echo "run.sh: port $p is already in use (set MODULE_PORT / MODULE_TLS_PORT / SANDBOX_PORT / SANDBOX_TLS_PORT, or stop the other process)." >&2
    exit 1
  fi
done

mkdir -p "$DATA_DIR/logs"

# The module's own https certificate: generated once (self-signed, localhost + 127.0.0.1), its
# password random in a 0600 file; Payara reads both from a 0600 properties file (not the command
# line, which any local user can list). Trust module-tls.pem in a browser or with curl --cacert.
TLS_DIR=$DATA_DIR/module/tls
if [[ ! -f $TLS_DIR/module-tls.p12 ]]; then
  echo "==> Generating the module's TLS certificate in $TLS_DIR"
  mkdir -p "$TLS_DIR" && chmod 700 "$TLS_DIR"
  (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$TLS_DIR/password")
  "$KEYTOOL" -genkeypair -alias module-tls -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
    -dname "CN=localhost, OU=officine-segur module, O=officine-segur" -ext san=dns:localhost,ip:127.0.0.1 \
    -validity 825 -storetype PKCS12 -keystore "$TLS_DIR/module-tls.p12.tmp" \
    -storepass:file "$TLS_DIR/password" >/dev/null 2>&1
  mv "$TLS_DIR/module-tls.p12.tmp" "$TLS_DIR/module-tls.p12"
  "$KEYTOOL" -exportcert -rfc -alias module-tls -keystore "$TLS_DIR/module-tls.p12" \
    -storepass:file "$TLS_DIR/password" -file "$TLS_DIR/module-tls.pem" >/dev/null 2>&1
fi
(umask 077; cat >"$TLS_DIR/payara-tls.properties" <<PROPS
javax.net.ssl.keyStore=$TLS_DIR/module-tls.p12
javax.net.ssl.keyStoreType=PKCS12
javax.net.ssl.keyStorePassword=$(cat "$TLS_DIR/password")
PROPS
)
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

echo "==> Starting the sandbox on http://127.0.0.1:$SANDBOX_PORT and https://127.0.0.1:$SANDBOX_TLS_PORT (mutual TLS)"
java -Dsun.net.httpserver.nodelay=true -jar "$SANDBOX_JAR" --host 127.0.0.1 --port "$SANDBOX_PORT" \
  --tls-port "$SANDBOX_TLS_PORT" --data "$DATA_DIR/sandbox" \
  >"$DATA_DIR/logs/sandbox.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions" 60 sandbox "${pids[-1]}"

echo "==> Starting the module (Payara Micro) on http://localhost:$MODULE_PORT and https://localhost:$MODULE_TLS_PORT"
# the pharmacies' organisation certificates are those the sandbox (IGC-Santé stand-in) issued
java -Dsegur.mode=sandbox -Dsegur.data.dir="$DATA_DIR" -Dsegur.sandbox.url="https://127.0.0.1:$SANDBOX_TLS_PORT" \
  -Dsegur.pki.dir="$DATA_DIR/sandbox/pki/issued" \
  -jar "$PAYARA_JAR" --deploy "$WAR" --contextroot / --port "$MODULE_PORT" --nocluster \
  --sslPort "$MODULE_TLS_PORT" --sslCert module-tls --systemProperties "$TLS_DIR/payara-tls.properties" \
  --rootdir "$DATA_DIR/payara" >"$DATA_DIR/logs/module.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$MODULE_PORT/" 180 module "${pids[-1]}"

# The module warms its SOAP/TLS clients in the background once deployed (the first Metro + TLS use
# of a JVM costs seconds): say "ready" only after that, so the first scan is not the slow one.
echo "==> Warming up the clients of the national services…"
warm_deadline=$((SECONDS + 60))
# one line per installed pharmacy (two in sandbox mode), or one warning when none is installed
until (( $(grep -c "National services warmed up for" "$DATA_DIR/logs/module.log" 2>/dev/null || true) >= 2 )) \
  || grep -q "No organisation certificate in" "$DATA_DIR/logs/module.log" 2>/dev/null; do
  if (( SECONDS > warm_deadline )); then echo "    (still warming up: the first consult may be slower)"; break; fi
  sleep 0.5
done

cat <<TXT

  Comptoir (counter page) : http://localhost:$MODULE_PORT/
                   en https : https://localhost:$MODULE_TLS_PORT/  (certificat : $TLS_DIR/module-tls.pem)
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
