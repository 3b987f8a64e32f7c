#!/usr/bin/env bash
# The picture decoder's benchmarks (README, Benchmarks):
#   deploy/decode-bench.sh [folder]      how many seeded degraded phone photos (small and soft; askew;
#                                        a box's DataMatrix) the module reads, and Debian's zbarimg on
#                                        the same files (QR only), with the time per picture
#   deploy/decode-bench.sh --failing [rounds]
#                                        what a picture holding no readable code costs: wall and CPU
#                                        time per picture, as multiples of the decode budget
# Installs zbar-tools when missing and allowed (root).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl module -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
CP="module/target/test-classes:module/target/classes:$(cat module/target/test.classpath)"
if [ "${1:-}" = "--failing" ]; then
  exec java -cp "$CP" fr.officine.segur.scan.FailingPictureCost "${@:2}"
fi
if ! command -v zbarimg >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q zbar-tools >/dev/null
  else
    echo "zbarimg missing: apt-get install zbar-tools (as root) for its column" >&2
  fi
fi
exec java -cp "$CP" fr.officine.segur.scan.DegradedDecodeBenchmark "${1:-module/target/degraded-photos}"
