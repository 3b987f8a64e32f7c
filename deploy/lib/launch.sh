# What deploy/run.sh (one node) and deploy/cluster.sh (many) both do to start: sourced by each, so
# a fix to one start-up step is a fix to both. Expects ROOT, and DATA_DIR before wait_http.

# The script's name in its messages.
LAUNCHER=$(basename "$0")

# A module node's JVM (issue 13 §7, README « Start-up and memory of one node »), unless
# MODULE_JAVA_OPTS says otherwise:
# - a bounded heap instead of the JVM's default (a quarter of the machine's memory, which the
#   collector grows into because it may);
# - the serial collector: no concurrent threads and remembered sets, the smallest footprint for a
#   heap this size on a pharmacy PC's few cores.
# Not the client compiler only (-XX:TieredStopAtLevel=1), though it halves the CPU of a start and
# of the first 400 counter rounds: without C2 the JDK's SHA-256 runs without its intrinsic, and each
# password check (PBKDF2, 210,000 iterations) took 0.85-1.4 s instead of 0.1-0.18 s, at every login
# and every refused attempt. A PC whose users log in by CPS card only may add it.
DEFAULT_MODULE_JAVA_OPTS="-Xms64m -Xmx384m -XX:+UseSerialGC"

# need COMMAND HINT: stops the script with HINT when COMMAND is not installed.
need() { command -v "$1" >/dev/null 2>&1 || { echo "$LAUNCHER: '$1' is required. $2" >&2; exit 1; }; }

# build_if_missing: builds the WAR, the sandbox and Payara Micro when one is missing (or REBUILD=1).
build_if_missing() {
  if [[ "${REBUILD:-0}" == 1 || ! -f $WAR || ! -f $SANDBOX_JAR || ! -f $PAYARA_JAR ]]; then
    echo "==> Building the module and the sandbox (first time: Maven downloads ~250 MB)…"
    (cd "$ROOT" && mvn -q -B -DskipTests -DskipITs package)
  fi
}

# start_sandbox: the sandbox of the national services on loopback (admin http, mutual-TLS services,
# the MSSanté operator's SMTP), its pid added to pids, and waits until it answers.
start_sandbox() {
  echo "==> Starting the sandbox on http://127.0.0.1:$SANDBOX_PORT and https://127.0.0.1:$SANDBOX_TLS_PORT (mutual TLS), MSSanté SMTP on 127.0.0.1:$SANDBOX_SMTP_PORT"
  java -Dsun.net.httpserver.nodelay=true -jar "$SANDBOX_JAR" --host 127.0.0.1 --port "$SANDBOX_PORT" \
    --tls-port "$SANDBOX_TLS_PORT" --smtp-port "$SANDBOX_SMTP_PORT" --data "$DATA_DIR/sandbox" --cda-validation "$CDA_VALIDATION" \
    >>"$DATA_DIR/logs/sandbox.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$SANDBOX_PORT/sandbox/prescriptions" 180 sandbox "${pids[-1]}"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_http URL SECONDS NAME PID: until URL answers 2xx; the script stops when PID died or after
# SECONDS (a bound, not a wait: a loaded machine may need it), and says every minute that it is
# still waiting, so a slow start is not taken for a hang.
wait_http() {
  local start=$SECONDS deadline=$((SECONDS + $2)) next=$((SECONDS + 60))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if ! kill -0 "$4" 2>/dev/null; then echo "$LAUNCHER: $3 stopped during start-up, see $DATA_DIR/logs/" >&2; exit 1; fi
    if (( SECONDS > deadline )); then echo "$LAUNCHER: $3 not ready after $2 s, see $DATA_DIR/logs/" >&2; exit 1; fi
    if (( SECONDS >= next )); then
      echo "    ($3 still starting after $((SECONDS - start)) s; up to $2 s allowed)"
      next=$((SECONDS + 60))
    fi
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

# payara_launcher DIR WAR: prepares a node's Payara Micro in DIR to deploy WAR, and sets
# PAYARA_LAUNCH (the java options, class path and main class that start it) and DEPLOY_WAR (the WAR
# to give to --deploy: WAR without the libraries put on the class path, module_war_split).
# Payara's root directory is a launcher (payara-micro.jar
# --outputlauncher: its runtime jars unpacked once) kept between starts, with a class-data-sharing
# archive of the classes the node loads (README « Start-up and memory »): a start maps ~16,000
# classes of the JDK and Payara from the archive instead of reading, parsing and verifying them
# from the jars. A start without an archive lists the classes it loads (-XX:DumpLoadedClassList:
# no measurable cost); once it is ready, payara_archive writes the archive from that list in the
# background, and the next starts map it. The JVM checks the archive against the runtime jars, so
# those are never rewritten; a new payara-micro.jar or another JDK makes a new launcher and a new
# archive. What a start writes beside them (deployed applications, generated code, domain.xml) is
# reset from the launcher's first state at each start: each start deploys exactly the current WAR,
# once (issue 11 §8). MODULE_CDS=off: no archive (listed, written or used).
payara_launcher() {
  local dir=$1 war=$2 root=$1/root java_bin stamp
  # which payara-micro.jar and which JDK (an update rewrites its binary): read from the files'
  # metadata, not by hashing 100 MB or starting a JVM at each start
  java_bin=$(readlink -f "$(command -v java)")
  stamp="$(stat -c '%n %s %Y' "$(readlink -f "$PAYARA_JAR")" "$java_bin" "$(dirname "$java_bin")/../lib/modules" | tr '\n' ' ')"
  if [[ ! -f $root/launch-micro.jar || "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    java -jar "$PAYARA_JAR" --rootdir "$root" --outputlauncher >"$dir/launcher.log" 2>&1 \
      || { echo "$LAUNCHER: Payara Micro could not write its launcher, see $dir/launcher.log" >&2; exit 1; }
    tar -C "$root" -cf "$dir/first-state.tar" --exclude=./runtime --exclude=./launch-micro.jar .
    echo "$stamp" >"$dir/stamp"
  fi
  if [[ ! -f $dir/module-options ]]; then # also a launcher kept from before the class path's libraries
    launcher_module_options "$root/launch-micro.jar" >"$dir/module-options.tmp"
    mv "$dir/module-options.tmp" "$dir/module-options"
  fi
  find "$root" -mindepth 1 -maxdepth 1 ! -name runtime ! -name launch-micro.jar -exec rm -rf {} +
  tar -C "$root" -xf "$dir/first-state.tar"
  rm -f "$dir/classes.lst"
  module_war_split "$war" "$dir/war"
  local classpath=$root/launch-micro.jar${SHARED_LIBS:+:$SHARED_LIBS} jars libs
  # an archive holds the classes of one class path, whose jars the JVM checks by size and time:
  # another class path (new libraries, MODULE_SHARED_LIBS switched) drops it, and this start lists
  # its classes again
  IFS=: read -ra libs <<<"$SHARED_LIBS"
  jars="$classpath $(jar_files "${libs[@]}")"
  if [[ "$(cat "$dir/classpath.jars" 2>/dev/null)" != "$jars" ]]; then rm -f "$dir/classes.jsa"; fi
  echo "$jars" >"$dir/classpath.jars"
  echo "$classpath" >"$dir/classpath"
  local options
  mapfile -t options <"$dir/module-options"
  # -cp instead of -jar to add the libraries: the launcher's manifest still adds Payara's jars
  # (its Class-Path) but no longer opens the JDK's modules to them (its Add-Opens), given here
  PAYARA_LAUNCH=("${options[@]}" -cp "$classpath" fish.payara.micro.impl.RootDirLauncher)
  if [[ ${MODULE_CDS:-on} == on ]]; then
    if [[ -f $dir/classes.jsa ]]; then
      PAYARA_LAUNCH=(-XX:SharedArchiveFile="$dir/classes.jsa" "${PAYARA_LAUNCH[@]}")
    else
      PAYARA_LAUNCH=(-XX:DumpLoadedClassList="$dir/classes.lst" "${PAYARA_LAUNCH[@]}")
    fi
  fi
}

# payara_archive DIR PID: once the node PID started by payara_launcher DIR is ready. Without an
# archive, writes one in the background (its pid in DIR/archive.pid) from the classes listed so
# far, at the lowest priority (the counters' requests first: ~20 CPU s and ~600 MB for ~20 s on
# this 2-core machine), into a temporary file renamed when complete. A node that does not map the archive it
# was given (the JVM refused it) loses it, so that the next start lists its classes again.
payara_archive() {
  local dir=$1 archive=$1/classes.jsa
  if [[ -f $dir/classes.lst ]]; then
    # the JVM appends to the list as it loads classes: its last line may be cut mid-write (dropped)
    cp "$dir/classes.lst" "$dir/classes.lst.ready"
    [[ -z $(tail -c1 "$dir/classes.lst.ready") ]] || sed -i '$d' "$dir/classes.lst.ready"
    : >"$dir/archive.log"
    # the writer's last line in archive.log says how it ended ("archive: written" or "archive: not
    # written"), after the rename: whoever waits reads that line, never a process list (a JVM
    # exiting, or one already gone with the rename still to come, is in no process list)
    (nice -n 19 java -Xshare:dump -XX:SharedClassListFile="$dir/classes.lst.ready" \
        "$(archive_writer "$dir")" -Xlog:cds=error -cp "$(cat "$dir/classpath")" >>"$dir/archive.log" 2>&1
      status=$?
      if ((status == 0)) && mv "$archive.tmp" "$archive"; then
        echo "archive: written" >>"$dir/archive.log"
      else
        rm -f "$archive.tmp"
        echo "archive: not written (java exit $status)" >>"$dir/archive.log"
      fi) &
    echo "$!" >"$dir/archive.pid"
  elif tr '\0' '\n' <"/proc/$2/cmdline" 2>/dev/null | grep -qx -- "-XX:SharedArchiveFile=$archive" \
    && ! grep -qF "$archive" "/proc/$2/maps" 2>/dev/null; then
    echo "    (the class-data archive was refused by the JVM: the next start writes a new one)"
    rm -f "$archive"
  fi
}

# payara_archive_stop DIR: stops an archive being written for DIR (the script stops); nothing is kept
# of it, and the next start lists its classes again.
payara_archive_stop() {
  pkill -f -- "$(archive_writer "$1")" 2>/dev/null || true
}

# payara_archive_writing DIR: whether an archive is being written for DIR: its writer is alive and
# has not said how it ended.
payara_archive_writing() {
  [[ -f $1/archive.pid ]] && kill -0 "$(cat "$1/archive.pid")" 2>/dev/null \
    && ! grep -q '^archive: ' "$1/archive.log" 2>/dev/null
}

# The command line of the process writing DIR's archive, as payara_archive starts it.
archive_writer() { echo "-XX:SharedArchiveFile=$1/classes.jsa.tmp"; }

# launcher_module_options JAR: the JVM options that stand for JAR's manifest Add-Opens and
# Add-Exports (applied by java -jar only), one per line.
launcher_module_options() {
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && "$(jdk_tool jar)" xf "$1" META-INF/MANIFEST.MF)
  # manifest lines are cut at 72 bytes, continued after one space
  tr -d '\r' <"$tmp/META-INF/MANIFEST.MF" | awk '
    /^ / { value[key] = value[key] substr($0, 2); next }
    { key = $1; sub(/:$/, "", key); value[key] = substr($0, length($1) + 2) }
    END {
      n = split(value["Add-Opens"], o, " "); for (i = 1; i <= n; i++) print "--add-opens=" o[i] "=ALL-UNNAMED"
      n = split(value["Add-Exports"], e, " "); for (i = 1; i <= n; i++) print "--add-exports=" e[i] "=ALL-UNNAMED"
    }'
  rm -rf "$tmp"
}

# module_war_split WAR DIR: the WAR without the libraries deploy/payara/shared-libs names, and those
# libraries, in DIR (kept there until WAR or the list changes). Sets DEPLOY_WAR (the WAR to deploy)
# and SHARED_LIBS (the libraries, ':'-separated, for the class path). The WAR keeps its file name
# (Payara names the application after it).
# Payara scans every class of WEB-INF/lib at each deployment and the class-data archive only covers
# the class path (README « Start-up and memory of one node »). MODULE_SHARED_LIBS=off: the WAR
# whole, nothing added to the class path.
module_war_split() {
  local war=$1 dir=$2 list=$ROOT/deploy/payara/shared-libs stamp lib pattern patterns jar
  if [[ ${MODULE_SHARED_LIBS:-on} != on ]]; then
    DEPLOY_WAR=$war SHARED_LIBS=
    return
  fi
  war=$(readlink -f "$war")
  stamp="$(stat -c '%n %s %Y' "$war" "$list" | tr '\n' ' ')"
  if [[ ! -f $dir/${war##*/} || "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]]; then
    jar=$(jdk_tool jar)
    rm -rf "$dir"
    mkdir -p "$dir/libs" "$dir/war"
    (cd "$dir/war" && "$jar" xf "$war")
    mapfile -t patterns < <(grep -Ev '^[[:space:]]*(#|$)' "$list")
    for lib in "$dir"/war/WEB-INF/lib/*.jar; do
      for pattern in "${patterns[@]}"; do
        # shellcheck disable=SC2053 # the pattern is a glob
        if [[ ${lib##*/} == $pattern ]]; then mv "$lib" "$dir/libs/"; break; fi
      done
    done
    "$jar" --create --no-compress --no-manifest --file "$dir/${war##*/}" -C "$dir/war" .
    rm -rf "$dir/war"
    echo "$stamp" >"$dir/stamp"
  fi
  DEPLOY_WAR=$dir/${war##*/}
  SHARED_LIBS=$(find "$dir/libs" -name '*.jar' | sort | paste -sd: -)
}

# jar_files JAR…: each jar with its size and time (nothing without jars).
jar_files() { [[ $# == 0 ]] || stat -c '%n %s %Y' -- "$@" | tr '\n' ' '; }

# jdk_tool NAME: a tool of the JDK that runs java (it may not be on PATH).
jdk_tool() { echo "$(dirname "$(readlink -f "$(command -v java)")")/$1"; }
