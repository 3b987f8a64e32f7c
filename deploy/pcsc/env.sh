# Sourced by the PC/SC scripts: the Debian workaround of STACK.md §6 for vsmartcard-vpicc 3.3.
# The package installs virtualsmartcard under /usr/lib/python3/site-packages (not on sys.path)
# and imports "Crypto" while Debian ships pycryptodome as "Cryptodome": we add that directory and
# a private symlink Crypto -> Cryptodome to PYTHONPATH, touching nothing of the system.
PCSC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PCSC_STATE="${PCSC_STATE:-${TMPDIR:-/tmp}/officine-segur-pcsc}"
mkdir -p "$PCSC_STATE/pylib"
if [[ ! -e "$PCSC_STATE/pylib/Crypto" && -d /usr/lib/python3/dist-packages/Cryptodome ]]; then
  ln -sfn /usr/lib/python3/dist-packages/Cryptodome "$PCSC_STATE/pylib/Crypto"
fi
export PYTHONPATH="/usr/lib/python3/site-packages/virtualsmartcard:$PCSC_STATE/pylib${PYTHONPATH:+:$PYTHONPATH}"
