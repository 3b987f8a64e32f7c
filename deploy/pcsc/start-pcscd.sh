#!/usr/bin/env bash
# Starts pcscd (with the vsmartcard vpcd driver: readers "Virtual PCD 00 00" and "00 01" on
# ports 35963/35964) unless it already runs. No systemd on these machines: pcscd runs as a
# daemon started by hand; its log goes to $PCSC_STATE/pcscd.log. Idempotent. Needs root
# (pcscd writes /run/pcscd); as non-root it tries passwordless sudo.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if pgrep -x pcscd >/dev/null 2>&1 && [[ -S /run/pcscd/pcscd.comm ]]; then
  echo "start-pcscd: pcscd already running (pid $(pgrep -x pcscd | head -1))"
  exit 0
fi
command -v pcscd >/dev/null 2>&1 || { echo "start-pcscd: pcscd not installed: run deploy/install-test-deps.sh" >&2; exit 1; }
if [[ $(id -u) -eq 0 ]]; then as_root=(); elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo -n); else
  echo "start-pcscd: pcscd must be started as root: sudo pcscd" >&2; exit 1; fi
# --foreground under nohup rather than the daemon mode so that the log is ours to read
nohup "${as_root[@]}" pcscd --foreground --error >"$PCSC_STATE/pcscd.log" 2>&1 &
for _ in $(seq 1 50); do
  [[ -S /run/pcscd/pcscd.comm ]] && { echo "start-pcscd: pcscd started (log $PCSC_STATE/pcscd.log)"; exit 0; }
  sleep 0.1
done
echo "start-pcscd: pcscd did not open /run/pcscd/pcscd.comm within 5 s; see $PCSC_STATE/pcscd.log" >&2
exit 1
