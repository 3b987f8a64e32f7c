#!/usr/bin/env bash
# Runs every test: unit tests, the sandbox's SOAP tests, the Arquillian flows in Payara Micro and
# the counter page in headless Chromium. Installs the browser first when it is missing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/deploy/install-test-deps.sh"
cd "$ROOT"
exec mvn -B verify "$@"
