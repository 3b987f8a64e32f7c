#!/usr/bin/env bash
# Starts the sandbox of the national services and the module (Payara Micro, embedded H2 in file
# mode under ./data/), builds what is missing first, and stays in the foreground until Ctrl-C.
# The module calls the sandbox over mutual TLS (the sandbox's test PKI, issued at its first start
# under $DATA_DIR/sandbox/pki) and serves https too, with a certificate generated here at first start.
#   MODULE_PORT (default 8080, plain http, loopback only), MODULE_TLS_PORT (8443, https, for the
#   counters of the LAN), SANDBOX_PORT (8090), SANDBOX_TLS_PORT (8091), SANDBOX_SMTP_PORT (8587, the
#   sandbox MSSanté operator's SMTP: STARTTLS + client certificate), DATA_DIR (default ./data),
#   REBUILD=1 to rebuild even when the artefacts exist. The LAN settings (README « Running on a
#   pharmacy LAN »): TLS_NAMES, TLS_ADDRESS, OPERATOR_ENDPOINTS; the module's log: LOG_MAX_BYTES,
#   LOG_FILES; the module's JVM options: MODULE_JAVA_OPTS (replaces the default),
#   MODULE_EXTRA_JAVA_OPTS (added); how long its start may take: MODULE_START_SECONDS (900);
#   MODULE_CDS=off for no class-data archive, MODULE_SHARED_LIBS=off to deploy the WAR whole (its
#   large libraries otherwise on the class path; README « Start-up and memory »). MODULE_WAR / SANDBOX_JAR / PAYARA_JAR name other artefacts (the tests use theirs).
set -euo pipefail
# Database, logs, keys, Payara's runtime: readable by this account only (issue 11 §11).
umask 077

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# need, build_if_missing, port_busy, wait_http, module_logging, start_sandbox (shared with cluster.sh)
. "$ROOT/deploy/lib/launch.sh"
MODULE_PORT=${MODULE_PORT:-8080}
MODULE_TLS_PORT=${MODULE_TLS_PORT:-8443}
SANDBOX_PORT=${SANDBOX_PORT:-8090}
SANDBOX_TLS_PORT=${SANDBOX_TLS_PORT:-8091}
SANDBOX_SMTP_PORT=${SANDBOX_SMTP_PORT:-8587}
# The sandbox DMP's CDA validation (CDA_extended.xsd + the five CI-SIS schematrons, refusal
# InvalidDocumentContent, as the real DMP): on, since the module's documents pass them (issue 12 §1).
# The sandbox compiles them in the background at start (26 s on this 2-core machine, lightly
# loaded); a send arriving before waits for it. CDA_VALIDATION=off for a quicker demo start.
CDA_VALIDATION=${CDA_VALIDATION:-on}
DATA_DIR=${DATA_DIR:-$ROOT/data}
WAR=${MODULE_WAR:-$ROOT/module/target/module.war}
SANDBOX_JAR=${SANDBOX_JAR:-$ROOT/deploy/sandbox/target/sandbox.jar}
PAYARA_JAR=${PAYARA_JAR:-$ROOT/deploy/target/payara-micro.jar}
# the address the https port listens on: every interface by default (the counters of the LAN)
TLS_ADDRESS=${TLS_ADDRESS:-0.0.0.0}
# off: Payara's own /metrics, /health switched off; on: they answer on both ports (supervision,
# issue 16 §3; /openapi, the static API contract, always answers)
OPERATOR_ENDPOINTS=${OPERATOR_ENDPOINTS:-off}
LOG_MAX_BYTES=${LOG_MAX_BYTES:-10485760}
LOG_FILES=${LOG_FILES:-10}
# The module's JVM (DEFAULT_MODULE_JAVA_OPTS, deploy/lib/launch.sh), and glibc's per-thread malloc
# arenas capped (each of Payara's ~100 threads otherwise gets its own 64 MB arena, partly resident).
# MODULE_EXTRA_JAVA_OPTS: added to them (a system property for one run, the tests' settings)
MODULE_JAVA_OPTS="${MODULE_JAVA_OPTS:-$DEFAULT_MODULE_JAVA_OPTS} ${MODULE_EXTRA_JAVA_OPTS:-}"
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

need java "A JDK 17+."
need mvn "Maven 3.8+."
need curl ""
KEYTOOL=$(jdk_tool keytool)
[[ -x $KEYTOOL ]] || KEYTOOL=$(command -v keytool) || { echo "run.sh: keytool (JDK) not found." >&2; exit 1; }

build_if_missing

for p in "$MODULE_PORT" "$MODULE_TLS_PORT" "$SANDBOX_PORT" "$SANDBOX_TLS_PORT" "$SANDBOX_SMTP_PORT"; do
  if port_busy "$p"; then
    echo "run.sh: port $p is already in use (set MODULE_PORT / MODULE_TLS_PORT / SANDBOX_PORT / SANDBOX_TLS_PORT / SANDBOX_SMTP_PORT, or stop the other process)." >&2
    exit 1
  fi
done

mkdir -p "$DATA_DIR/logs"
# An install made before the umask: its files were readable by every local account.
chmod -R go-rwx "$DATA_DIR"

# The module's own https certificate, issued at first start by a certificate authority of this
# installation (module-ca.pem: what the counters of the LAN install once), for the names the
# counters use: localhost, 127.0.0.1, this host's name and IPv4 addresses, or TLS_NAMES
# (keytool SAN syntax: dns:comptoir.pharmacie.lan,ip:192.168.1.20). When those names change, a new
# certificate is issued by the same authority: nothing to re-install on the counters. Passwords are
# random in a 0600 file; Payara reads them from a 0600 properties file (not the command line, which
# any local user can list).
TLS_DIR=$DATA_DIR/module/tls
mkdir -p "$TLS_DIR"
default_tls_names() {
  local names="dns:localhost,ip:127.0.0.1" h a
  h=$(hostname 2>/dev/null || true)
  [[ -n $h && $h != localhost ]] && names+=",dns:$h"
  for a in $(hostname -I 2>/dev/null || true); do
    [[ $a == *:* ]] || names+=",ip:$a"   # IPv4 only: the counters reach the host by these
  done
  echo "$names"
}
TLS_SAN=${TLS_NAMES:-$(default_tls_names)}
[[ $TLS_SAN == *dns:localhost* ]] || TLS_SAN="dns:localhost,ip:127.0.0.1,$TLS_SAN"
if [[ ! -f $TLS_DIR/module-ca.p12 ]]; then
  echo "==> Creating this installation's certificate authority in $TLS_DIR (module-ca.pem: to install on the counters)"
  rm -f "$TLS_DIR/module-tls.p12" "$TLS_DIR/names"   # a certificate of an older run.sh (self-signed)
  head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$TLS_DIR/password"
  "$KEYTOOL" -genkeypair -alias module-ca -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
    -dname "CN=officine-segur module CA $(hostname 2>/dev/null || echo host), O=officine-segur" \
    -ext bc:c=ca:true,pathlen:0 -ext ku:c=keyCertSign,cRLSign -validity 3650 -storetype PKCS12 \
    -keystore "$TLS_DIR/module-ca.p12.tmp" -storepass:file "$TLS_DIR/password" >/dev/null 2>&1
  "$KEYTOOL" -exportcert -rfc -alias module-ca -keystore "$TLS_DIR/module-ca.p12.tmp" \
    -storepass:file "$TLS_DIR/password" -file "$TLS_DIR/module-ca.pem" >/dev/null 2>&1
  mv "$TLS_DIR/module-ca.p12.tmp" "$TLS_DIR/module-ca.p12"
fi
if [[ ! -f $TLS_DIR/module-tls.p12 || "$(cat "$TLS_DIR/names" 2>/dev/null)" != "$TLS_SAN" ]]; then
  echo "==> Issuing the module's https certificate for $TLS_SAN"
  work=$TLS_DIR/issue.tmp
  rm -rf "$work" && mkdir "$work"
  "$KEYTOOL" -genkeypair -alias module-tls -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
    -dname "CN=$(echo "${TLS_SAN#*dns:}" | cut -d, -f1), OU=officine-segur module, O=officine-segur" \
    -validity 825 -storetype PKCS12 -keystore "$work/module-tls.p12" -storepass:file "$TLS_DIR/password" >/dev/null 2>&1
  "$KEYTOOL" -certreq -alias module-tls -keystore "$work/module-tls.p12" -storepass:file "$TLS_DIR/password" \
    -file "$work/module-tls.csr" >/dev/null 2>&1
  "$KEYTOOL" -gencert -rfc -alias module-ca -keystore "$TLS_DIR/module-ca.p12" -storepass:file "$TLS_DIR/password" \
    -infile "$work/module-tls.csr" -outfile "$work/module-tls.pem" -validity 825 \
    -ext "san=$TLS_SAN" -ext eku=serverAuth -ext ku:c=digitalSignature >/dev/null 2>&1
  "$KEYTOOL" -importcert -noprompt -alias module-ca -file "$TLS_DIR/module-ca.pem" \
    -keystore "$work/module-tls.p12" -storepass:file "$TLS_DIR/password" >/dev/null 2>&1
  "$KEYTOOL" -importcert -noprompt -alias module-tls -file "$work/module-tls.pem" \
    -keystore "$work/module-tls.p12" -storepass:file "$TLS_DIR/password" >/dev/null 2>&1
  mv "$work/module-tls.pem" "$TLS_DIR/module-tls.pem"
  mv "$work/module-tls.p12" "$TLS_DIR/module-tls.p12"
  echo "$TLS_SAN" >"$TLS_DIR/names"
  rm -rf "$work"
fi
cat >"$TLS_DIR/payara-tls.properties" <<PROPS
javax.net.ssl.keyStore=$TLS_DIR/module-tls.p12
javax.net.ssl.keyStoreType=PKCS12
javax.net.ssl.keyStorePassword=$(cat "$TLS_DIR/password")
PROPS

# What Payara Micro is told at each start, written here (0700): the listeners' addresses, Payara's
# operator endpoints, and the module's log (JUL: appended at each start, rotated by size, at most
# LOG_FILES files: module.0.log is the current one, so a crash's evidence survives the restart).
LAUNCH_DIR=$DATA_DIR/module/launch
mkdir -p "$LAUNCH_DIR"
{
  cat "$ROOT/deploy/payara/single-node.preboot"
  echo "set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=$TLS_ADDRESS"
} >"$LAUNCH_DIR/preboot.asadmin"
POSTBOOT=()
if [[ $OPERATOR_ENDPOINTS != on ]]; then
  POSTBOOT=(--postbootcommandfile "$ROOT/deploy/payara/operator-endpoints-off.postboot")
fi
module_logging "$LAUNCH_DIR/logging.properties" "$DATA_DIR/logs/module.%g.log" "$LOG_MAX_BYTES" "$LOG_FILES"
MODULE_LOG=$DATA_DIR/logs/module.0.log

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "==> Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  payara_archive_stop "$DATA_DIR/payara"
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

start_sandbox

echo "==> Starting the module (Payara Micro) on http://localhost:$MODULE_PORT and https://$TLS_ADDRESS:$MODULE_TLS_PORT"
# Payara Micro as a launcher kept in $DATA_DIR/payara with its class-data archive; what a start
# leaves there is reset (payara_launcher, deploy/lib/launch.sh): kept, it deployed the previous
# build from its applications/ before --deploy replaced it (migrations and recovery ran against the
# live database with old code); each start deploys exactly the current WAR, once (issue 11 §8).
payara_launcher "$DATA_DIR/payara" "$WAR"
echo "[$(date -u +%Y-%m-%dT%H:%M:%SZ)] run.sh: starting the module, WAR $WAR ($(wc -c <"$WAR" | tr -d ' ') bytes)" >>"$MODULE_LOG"
# the pharmacies' organisation certificates are those the sandbox (IGC-Santé stand-in) issued;
# --nohazelcast: a single node opens no cluster port (--nocluster alone still listens on *:6900);
# --disablephonehome: Payara's usage report to the Internet is not sent (nor tried at each start)
read -ra JAVA_OPTS <<<"$MODULE_JAVA_OPTS"
java "${JAVA_OPTS[@]}" -Dsegur.mode=sandbox -Dsegur.data.dir="$DATA_DIR" -Dsegur.sandbox.url="https://127.0.0.1:$SANDBOX_TLS_PORT" \
  -Dsegur.mssante.smtp.host=127.0.0.1 -Dsegur.mssante.smtp.port="$SANDBOX_SMTP_PORT" \
  -Dsegur.pki.dir="$DATA_DIR/sandbox/pki/issued" \
  "${PAYARA_LAUNCH[@]}" --deploy "$DEPLOY_WAR" --contextroot / --port "$MODULE_PORT" --nohazelcast --disablephonehome \
  --sslPort "$MODULE_TLS_PORT" --sslCert module-tls --systemProperties "$TLS_DIR/payara-tls.properties" \
  --prebootcommandfile "$LAUNCH_DIR/preboot.asadmin" "${POSTBOOT[@]}" \
  --logproperties "$LAUNCH_DIR/logging.properties" >>"$DATA_DIR/logs/module-console.log" 2>&1 &
pids+=($!)
echo "${pids[-1]}" >"$DATA_DIR/module/module.pid"
# 15 minutes at most: 1 to 2 on a pharmacy PC, but a first start on a machine busy with other work
# took more than 5 (the walk of 2026-12-02, load 40 on 2 cores: run.sh gave up at 300 s while
# Payara was still deploying)
wait_http "http://127.0.0.1:$MODULE_PORT/" "${MODULE_START_SECONDS:-900}" module "${pids[-1]}"

# The module warms its SOAP/TLS clients in the background once deployed (the first Metro + TLS use
# of a JVM costs seconds): say "ready" only after that, so the first scan is not the slow one.
echo "==> Warming up the clients of the national services…"
warm_deadline=$((SECONDS + 60))
# one line per installed pharmacy (two in sandbox mode), or one warning when none is installed
# (lines after this start's marker in the current log file)
this_start() { awk 'FNR == NR { if (/run.sh: starting the module/) last = FNR; next } FNR >= last' "$MODULE_LOG" "$MODULE_LOG" 2>/dev/null; }
until (( $(this_start | grep -c "National services warmed up for" || true) >= 2 )) \
  || this_start | grep -q "No organisation certificate in"; do
  if (( SECONDS > warm_deadline )); then echo "    (still warming up: the first consult may be slower)"; break; fi
  sleep 0.5
done
# the class-data archive of the next starts, written in the background once this one is ready
payara_archive "$DATA_DIR/payara" "${pids[-1]}"

cat <<TXT

  Comptoir (counter page) : http://localhost:$MODULE_PORT/   (ce poste seulement)
    postes du réseau local : https://<nom ou adresse de ce poste>:$MODULE_TLS_PORT/
                             noms du certificat : $TLS_SAN
                             autorité à installer sur les postes : $TLS_DIR/module-ca.pem
  Comptes (sandbox only, mot de passe = identifiant) :
    titulaire, adjoint, preparateur  — Pharmacie du Marché (FINESS 690100011)
    confrere                         — Pharmacie des Arcades (FINESS 690100029)
  Ordonnances d'exemple : http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions
  QR code d'exemple     : http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions/01S2TBPZ2JCNZZYGHZ/qr.png
  Ordonnance imprimable : http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions/01S2TBPZ2JCNZZYGHZ/ordonnance.pdf
  Logs : $DATA_DIR/logs/ (module.0.log = le plus récent)   —   Ctrl-C pour arrêter.

TXT
wait -n "${pids[@]}"
echo "run.sh: a process stopped unexpectedly, see $DATA_DIR/logs/" >&2
exit 1
