#!/usr/bin/env bash
# Benchmark of the counter flow: the module in Payara Micro against the sandbox on loopback.
# Prints the figures and writes integration-tests/target/benchmark*.md (copy them into the README).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
mvn -B -q -Pbench -pl integration-tests -am verify -Dtest=skip -Dsurefire.failIfNoSpecifiedTests=false "$@"
# each benchmark class writes its own table (benchmark.md, benchmark-large-database.md, …)
cat integration-tests/target/benchmark*.md
