# Sourced by deploy/cluster.sh (run.sh has the same functions inline; to be shared). Expects DATA_DIR set.

# The script's name in its messages.
LAUNCHER=$(basename "$0")

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_http URL SECONDS NAME PID: until URL answers 2xx; the script stops when PID died or after
# SECONDS (a bound, not a wait: a loaded machine may need it).
wait_http() {
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if ! kill -0 "$4" 2>/dev/null; then echo "$LAUNCHER: $3 stopped during start-up, see $DATA_DIR/logs/" >&2; exit 1; fi
    if (( SECONDS > deadline )); then echo "$LAUNCHER: $3 not ready after $2 s, see $DATA_DIR/logs/" >&2; exit 1; fi
    sleep 0.3
  done
}

# module_logging FILE LOG_PATTERN MAX_BYTES FILES: a module node's JUL configuration, appended at
# each start and rotated by size (module.0.log is the current one, so a crash's evidence survives
# the restart).
module_logging() {
  cat >"$1" <<PROPS
handlers=java.util.logging.FileHandler
java.util.logging.FileHandler.pattern=$2
java.util.logging.FileHandler.limit=$3
java.util.logging.FileHandler.count=$4
java.util.logging.FileHandler.append=true
java.util.logging.FileHandler.level=INFO
java.util.logging.FileHandler.formatter=com.sun.enterprise.server.logging.ODLLogFormatter
com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor=false
.level=INFO
com.hazelcast.level=WARNING
javax.enterprise.system.tools.deployment.dol.level=WARNING
javax.enterprise.system.tools.deployment.common.level=WARNING
PROPS
}
