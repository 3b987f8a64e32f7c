#!/usr/bin/env bash
# Start-up and memory of one module node (issue 13 §7). A benchmark, never a test.
#
#   deploy/startup-bench.sh          the module as deploy/run.sh starts it (free loopback ports, an
#                                    empty data directory, CDA_VALIDATION=off unless set)
#   deploy/startup-bench.sh bare     the reference: the same Payara Micro with a one-class JAX-RS WAR
#
# Prints, per start:
#   - Payara Micro's own « ready in » (JVM start to the application deployed and serving: wall
#     clock, so it grows with the machine's load),
#   - the CPU seconds the JVM used until « ready in » (user + system: what the start costs, much less
#     sensitive to other processes than the wall clock) and until the clients are warmed up,
#   - the resident memory (RSS) when ready / warmed up, and after ROUNDS counter rounds (login, new
#     prescription, consult, record: what a working day loads),
#   - the heap used after a full GC at the end (what the application really keeps).
# RUNS (1) starts in a row. In module mode they share one data directory, emptied between starts
# except Payara's launcher (deploy/run.sh keeps it, with its class-data archive, across restarts):
# the first start writes the archive once ready (in the background), the next ones start from it, as a node restarts
# after a crash or a deploy, or a pharmacy PC after a reboot. KEEP_DATA=1 keeps the whole data
# directory (database, keys): the starts after the first are then restarts of one installation,
# the schema migrated and the accounts there. Extra environment goes to run.sh
# (MODULE_JAVA_OPTS, MODULE_CDS=off, MODULE_SHARED_LIBS=off, MODULE_WAR…).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# payara_archive_writing (the class-data archive of run.sh's launcher)
. "$ROOT/deploy/lib/launch.sh"
MODE=${1:-module}
RUNS=${RUNS:-1}
ROUNDS=${ROUNDS:-20}
JAVA_BIN=$(dirname "$(readlink -f "$(command -v java)")")
PAYARA_JAR=${PAYARA_JAR:-$ROOT/deploy/target/payara-micro.jar}
ticks=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cpu_s() { awk -v t="$ticks" '{printf "%.1f", ($14 + $15) / t}' "/proc/$1/stat"; }
rss_mib() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
heap_after_gc() {
  "$JAVA_BIN/jcmd" "$1" GC.run >/dev/null
  # G1 prints one "heap ... used NK" line, the serial collector one per generation: summed
  "$JAVA_BIN/jcmd" "$1" GC.heap_info | awk '/total [0-9]+K, used [0-9]+K/ && !/Metaspace|class space/ {
    for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); sum += v } }
    END { print int(sum / 1024) }'
}
wait_line() { # file, pattern, pid of the runner
  until grep -aq "$2" "$1" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || { echo "stopped before « $2 », see $1" >&2; exit 1; }
    sleep 0.2
  done
}

bare_war() { # a one-class JAX-RS application: the smallest WAR Payara deploys like the module
  local dir=$1 api
  api=$(find ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api -name 'jakarta.jakartaee-api-*.jar' | head -1)
  mkdir -p "$dir/src/bare" "$dir/war/WEB-INF/classes"
  cat >"$dir/src/bare/Hello.java" <<'JAVA'
package bare;
@jakarta.ws.rs.ApplicationPath("/")
public class Hello extends jakarta.ws.rs.core.Application {
  @jakarta.ws.rs.Path("hello")
  public static class Resource {
    @jakarta.ws.rs.GET public String hello() { return "hello"; }
  }
  @Override public java.util.Set<Class<?>> getClasses() { return java.util.Set.of(Resource.class); }
}
JAVA
  "$JAVA_BIN/javac" -cp "$api" -d "$dir/war/WEB-INF/classes" "$dir/src/bare/Hello.java"
  (cd "$dir/war" && "$JAVA_BIN/jar" cf "$dir/bare.war" .)
}

kept=$(mktemp -d /tmp/segur-startup.XXXXXX)
trap 'rm -rf "$kept"' EXIT
for run in $(seq 1 "$RUNS"); do
  work=$(mktemp -d /tmp/segur-startup.XXXXXX)
  if [[ $MODE == bare ]]; then
    bare_war "$work"
    port=$(free_port)
    read -ra JAVA_OPTS <<<"${MODULE_JAVA_OPTS:-}"
    java "${JAVA_OPTS[@]}" -jar "$PAYARA_JAR" --deploy "$work/bare.war" --contextroot / --port "$port" \
      --nohazelcast --disablephonehome --rootdir "$work/payara" >"$work/console.log" 2>&1 &
    pid=$!
    wait_line "$work/console.log" "ready in" $pid
    cpu_ready=$(cpu_s $pid); rss_ready=$(rss_mib $pid)
    ready=$(grep -ao 'ready in [0-9,]* (ms)' "$work/console.log" | tr -dc '0-9')
    for i in $(seq 1 "$ROUNDS"); do curl -fsS -o /dev/null "http://127.0.0.1:$port/hello"; done
    printf 'bare run %s: ready in %.1f s, %s CPU s at ready, RSS %s MiB at ready, %s MiB after %s requests, heap %s MiB used after GC\n' \
      "$run" "$(echo "$ready / 1000" | bc -l)" "$cpu_ready" "$rss_ready" "$(rss_mib $pid)" "$ROUNDS" "$(heap_after_gc $pid)"
    kill $pid; wait $pid 2>/dev/null || true
    rm -rf "$work"
    continue
  fi
  # the same path at each start: the archive records where the launcher's jars are
  export DATA_DIR=$kept/data MODULE_PORT=$(free_port) MODULE_TLS_PORT=$(free_port) \
    SANDBOX_PORT=$(free_port) SANDBOX_TLS_PORT=$(free_port) SANDBOX_SMTP_PORT=$(free_port) CDA_VALIDATION=${CDA_VALIDATION:-off}
  # a copy: run.sh may be edited while a benchmark reads it
  cp "$ROOT/deploy/run.sh" "$work/run.sh"
  sed -i "s|^ROOT=.*|ROOT=$ROOT|" "$work/run.sh"
  if [[ -f $DATA_DIR/payara/classes.jsa ]]; then start="from the archive"; else start="first"; fi
  bash "$work/run.sh" >"$work/run.log" 2>&1 &
  runner=$!
  wait_line "$work/run.log" "Starting the module" $runner
  until [[ -s $DATA_DIR/module/module.pid ]]; do sleep 0.1; done
  pid=$(cat "$DATA_DIR/module/module.pid")
  log=$DATA_DIR/logs/module.0.log
  wait_line "$log" "ready in" $runner
  cpu_ready=$(cpu_s "$pid"); rss_ready=$(rss_mib "$pid")
  ready=$(grep -ao 'ready in [0-9,]* (ms)' "$log" | tr -dc '0-9')
  wait_line "$work/run.log" "Ctrl-C pour arrêter" $runner
  cpu_warm=$(cpu_s "$pid"); rss_warm=$(rss_mib "$pid")
  api=http://127.0.0.1:$MODULE_PORT/api/v1
  token=$(curl -fsS -XPOST "$api/sessions" -H 'Content-Type: application/json' \
    -d '{"login":"titulaire","password":"titulaire"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
  for i in $(seq 1 "$ROUNDS"); do
    number=$(curl -fsS -XPOST "http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions" -H 'Content-Type: application/json' \
      -d '{}' | sed 's/.*"number":"\([^"]*\)".*/\1/')
    curl -fsS -o /dev/null "$api/prescriptions/$number" -H "Authorization: Bearer $token"
    curl -fsS -o /dev/null -XPOST "$api/prescriptions/$number/dispensations" -H "Authorization: Bearer $token" \
      -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" -H 'Content-Type: application/json' \
      -d '{"lines":[{"lineId":"L1","quantity":1}]}'
  done
  cpu_end=$(cpu_s "$pid")
  printf 'run %s (%s): ready in %.1f s, %s CPU s at ready, %s at warm, %s after %s rounds (%.0f CPU ms a round); RSS %s MiB at ready, %s warm, %s after the rounds; heap %s MiB used after GC\n' \
    "$run" "$start" "$(echo "$ready / 1000" | bc -l)" "$cpu_ready" "$cpu_warm" "$cpu_end" "$ROUNDS" \
    "$(echo "($cpu_end - $cpu_warm) * 1000 / $ROUNDS" | bc -l)" "$rss_ready" "$rss_warm" "$(rss_mib "$pid")" "$(heap_after_gc "$pid")"
  # a first start writes the archive of the next in the background: stopped before it is written,
  # there would be none
  while [[ ! -f $DATA_DIR/payara/classes.jsa ]] && payara_archive_writing "$DATA_DIR/payara"; do sleep 1; done
  kill $runner
  wait $runner 2>/dev/null || true
  rm -rf "$work"
  if [[ ${KEEP_DATA:-0} == 1 ]]; then
    rm -rf "$DATA_DIR/logs" "$DATA_DIR/module/module.pid"   # this start's lines and pid only
  else
    find "$DATA_DIR" -mindepth 1 -maxdepth 1 ! -name payara -exec rm -rf {} +
  fi
done
