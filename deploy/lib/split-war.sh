#!/usr/bin/env bash
# split-war.sh WAR DIR: DIR/module.war and DIR/libs/, the WAR and the libraries a module node
# deploys and puts on its class path (module_war_split, deploy/lib/launch.sh). The integration
# tests' Payara Micro deploys DIR/module.war with --addLibs DIR/libs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=launch.sh
. "$ROOT/deploy/lib/launch.sh"
module_war_split "$1" "$2"
