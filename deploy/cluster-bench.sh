#!/usr/bin/env bash
# Benchmark of deploy/cluster.sh (issue 13 §7): dispensations recorded per second by 1 node (its own
# port) vs 2 nodes behind HAProxy, on PostgreSQL, and the nodes' CPU per dispensation (recording,
# CDA + PDF, signed DMP send). Starts its own cluster on free loopback ports
# (ClusterBenchmarkIT); measures, asserts no timing. Prints the figures and writes
# integration-tests/target/cluster-benchmark.md (copy them into the README's benchmark table).
# Extra arguments go to Maven (e.g. -o).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
mvn -B -q -Pbench -pl integration-tests -am verify -Dtest=skip -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ClusterBenchmarkIT -Djs.skip=true -Dspotbugs.skip=true "$@"
cat integration-tests/target/cluster-benchmark.md
