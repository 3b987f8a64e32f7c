#!/usr/bin/env bash
# Inserts the virtual CPS card (sandbox stand-in, see README.md) into a vpcd reader; the card is
# there as long as this process runs: Ctrl-C or kill = card removed.
#   deploy/pcsc/cps-card.sh --holder titulaire            # Claire MARTIN, RPPS 10100000016, PIN 1234
#   deploy/pcsc/cps-card.sh --holder adjoint --port 35964 # Julien DUBOIS in reader "Virtual PCD 00 01"
#   deploy/pcsc/cps-card.sh --atr 3B951381018073FF01000B  # a card that is not a CPS
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec /usr/bin/python3 -u "$PCSC_DIR/cps_card.py" "$@"
