#!/usr/bin/env bash
# Benchmark of the counter flow: the module in Payara Micro against the sandbox on loopback.
# Prints the figures and writes integration-tests/target/benchmark*.md (copy them into the README).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
started=$(mktemp)
trap 'rm -f "$started"' EXIT
mvn -B -q -Pbench -pl integration-tests -am verify -Dtest=skip -Dsurefire.failIfNoSpecifiedTests=false "$@"
# each benchmark class writes its own table (benchmark.md, benchmark-large-database.md, …): only
# those of this run, never a table an earlier run left in target/
find integration-tests/target -maxdepth 1 -name 'benchmark*.md' -newer "$started" -exec cat {} +
