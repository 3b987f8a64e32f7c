#!/usr/bin/env bash
# How many seeded degraded phone photos of a QR the module's decoder reads, and Debian's zbarimg on
# the same files (README, Benchmarks). Installs zbar-tools when missing and allowed (root).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v zbarimg >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q zbar-tools >/dev/null
  else
    echo "zbarimg missing: apt-get install zbar-tools (as root) for its column" >&2
  fi
fi
mvn -B -q -pl module -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -cp "module/target/test-classes:module/target/classes:$(cat module/target/test.classpath)" \
  fr.officine.segur.scan.DegradedDecodeBenchmark "${1:-module/target/degraded-photos}" "${@:2}"
