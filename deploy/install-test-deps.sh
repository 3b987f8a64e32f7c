#!/usr/bin/env bash
# Installs what the browser tests of the counter page need, from Debian's own archive:
# chromium and its matching chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver).
# Selenium is pointed at these two binaries, so nothing is ever downloaded by Selenium Manager
# (a closed pharmacy or CI network would make that fail, and its versions would drift).
# Idempotent: does nothing when both are present; runs apt-get update only when it must install.
# Works as root, or through sudo when it is available.
#
# Also the PC/SC stack of the CPS card tests (deploy/pcsc/README.md): pcscd, vsmartcard's virtual
# reader (vpcd) and virtual card (vpicc, with pycryptodome), then STARTS pcscd (no systemd here);
# the tests insert and remove the virtual card themselves.
#
# And PostgreSQL (Debian's `postgresql`): the tests that prove the module on PostgreSQL start a
# private cluster of their own through deploy/postgres.sh (nothing is started here); HAProxy
# (Debian's `haproxy`), the front of deploy/cluster.sh (ClusterScriptIT starts its own).
#
# And Node.js with npm when the machine has no `node` (Debian's `nodejs`, `npm`): the module's build
# lints the counter page's JavaScript with ESLint and runs its `node --test` unit tests (module/pom.xml).
set -euo pipefail
deploy_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
# PC/SC (CPS card tests): dpkg-query rather than command -v, libraries and drivers have no binary
for p in pcscd vsmartcard-vpcd vsmartcard-vpicc python3-pycryptodome postgresql haproxy; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || packages+=("$p")
done

start_pcsc() {
  "$deploy_dir/pcsc/start-pcscd.sh"
}

if ((${#packages[@]} == 0)); then
  echo "install-test-deps: chromium, chromium-driver, the PC/SC stack, PostgreSQL, HAProxy and Node.js already installed, nothing to install" \
    "($(chromium --version 2>/dev/null || echo '?'); $(chromedriver --version 2>/dev/null | cut -d' ' -f1-2 || echo '?'))."
  start_pcsc
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "install-test-deps: missing ${packages[*]}; run this script as root (or with passwordless sudo):" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: apt-get not found; install ${packages[*]} with your system's package manager." >&2
  exit 1
fi

echo "install-test-deps: installing ${packages[*]} with apt-get…"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
echo "install-test-deps: installed ${packages[*]}: $(chromium --version); $(chromedriver --version | cut -d' ' -f1-2)."
start_pcsc

