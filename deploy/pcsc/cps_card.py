#!/usr/bin/env python3
"""A virtual CPS card for the sandbox: a SANDBOX STAND-IN, not the real CPS3 applet.

The real CPS3 AIDs and file map are not public (DOMAIN-FACTS §5/§7), so this card only
shares the ATR of the CPx family with a real one (OpenSC card-iasecc.c "IAS/ECC CPx");
everything behind the ATR is our own layout, documented in deploy/pcsc/README.md:

  SELECT  00 A4 04 00 0A F0 4F 53 45 47 55 52 43 50 53   (AID "F0" + "OSEGURCPS")  -> 90 00
  VERIFY  00 20 00 80 08 <PIN ASCII, padded with FF>      -> 90 00 | 63 Cn | 69 83 (blocked)
  READ BINARY 00 B0 <offset P1P2> <Le>                    -> holder TLV (below), after VERIFY

  70 L  (holder template)
    80 card type ASCII (CPS, CPE, CPA, CPF)    81 RPPS (11 digits)
    82 last name UTF-8   83 first name UTF-8   84 profession code (21 = pharmacien)
    85 valid from YYYYMMDD   86 valid until YYYYMMDD   87 card serial number

It plugs into the virtualsmartcard package (vsmartcard-vpicc): its VirtualICC speaks the vpcd
socket protocol, our SmartcardOS answers the APDUs. Removing the card = stopping this process.
"""
import argparse
import logging
import signal
import sys

from virtualsmartcard.VirtualSmartcard import SmartcardOS, VirtualICC

CPX_ATR = bytes.fromhex("3BAC00402A001225006480000310009000")
AID = bytes.fromhex("F04F5345475552435053")
PIN_TRIES = 3

# The holders match the module's sandbox accounts (COMMON.md) plus one unknown professional.
HOLDERS = {
    "titulaire": ("CPS", "10100000016", "MARTIN", "Claire", "21", "0001"),
    "adjoint": ("CPS", "10100000024", "DUBOIS", "Julien", "21", "0002"),
    "confrere": ("CPS", "10100000032", "BERNARD", "Louis", "21", "0003"),
    "inconnu": ("CPS", "10100000099", "PETIT", "Hélène", "21", "0009"),
}


def tlv(tag, value):
    if len(value) > 127:
        raise ValueError("stand-in TLVs are short")
    return bytes([tag, len(value)]) + value


def holder_file(holder, valid_from, valid_until):
    card_type, rpps, last, first, profession, serial = HOLDERS[holder]
    body = b"".join([
        tlv(0x80, card_type.encode()),
        tlv(0x81, rpps.encode()),
        tlv(0x82, last.encode("utf-8")),
        tlv(0x83, first.encode("utf-8")),
        tlv(0x84, profession.encode()),
        tlv(0x85, valid_from.encode()),
        tlv(0x86, valid_until.encode()),
        tlv(0x87, ("25" + rpps[-6:] + serial).encode()),
    ])
    return bytes([0x70, 0x81, len(body)]) + body


class CpsStandInOS(SmartcardOS):
    def __init__(self, atr, data, pin):
        self.atr = atr
        self.data = data
        self.pin = pin.encode().ljust(8, b"\xff")
        self.tries = PIN_TRIES
        self.reset()

    def getATR(self):
        return self.atr

    def powerUp(self):
        self.reset()

    def reset(self):
        self.selected = False
        self.verified = False

    def execute(self, msg):
        if len(msg) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = msg[0], msg[1], msg[2], msg[3]
        body = msg[5:5 + msg[4]] if len(msg) > 5 else b""
        if cla != 0x00:
            return b"\x6E\x00"
        if ins == 0xA4 and p1 == 0x04:
            self.selected = body == AID
            self.verified = False
            return b"\x90\x00" if self.selected else b"\x6A\x82"
        if not self.selected:
            return b"\x69\x86"
        if ins == 0x20 and p2 == 0x80:
            if self.tries == 0:
                return b"\x69\x83"
            if len(msg) == 5 or len(msg) == 4:  # status query: tries left
                return bytes([0x63, 0xC0 | self.tries])
            if body == self.pin:
                self.tries = PIN_TRIES
                self.verified = True
                return b"\x90\x00"
            self.tries -= 1
            self.verified = False
            return b"\x69\x83" if self.tries == 0 else bytes([0x63, 0xC0 | self.tries])
        if ins == 0xB0:
            if not self.verified:
                return b"\x69\x82"  # security status not satisfied
            offset = (p1 << 8) | p2
            le = msg[4] if len(msg) == 5 else 0
            le = 256 if le == 0 else le
            if offset > len(self.data):
                return b"\x6B\x00"
            return self.data[offset:offset + le] + b"\x90\x00"
        return b"\x6D\x00"


def main():
    parser = argparse.ArgumentParser(description="Virtual CPS card (sandbox stand-in) for vpcd")
    parser.add_argument("--holder", choices=sorted(HOLDERS), default="titulaire")
    parser.add_argument("--atr", help="ATR in hex (default: the CPx ATR); another ATR = a non-CPS card")
    parser.add_argument("--pin", default="1234")
    parser.add_argument("--valid-from", default="20240101")
    parser.add_argument("--valid-until", default="20291231")
    parser.add_argument("--port", type=int, default=35963, help="vpcd port: 35963 = reader 00 00, 35964 = 00 01")
    parser.add_argument("--host", default="localhost")
    args = parser.parse_args()

    atr = bytes.fromhex(args.atr) if args.atr else CPX_ATR
    icc = VirtualICC(None, "iso7816", args.host, args.port, logginglevel=logging.WARNING)
    icc.os = CpsStandInOS(atr, holder_file(args.holder, args.valid_from, args.valid_until), args.pin)
    # SIGTERM = card pulled out: leave through sys.exit so the socket closes and vpcd sees the removal
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("virtual CPS card inserted: holder=%s port=%d atr=%s" % (args.holder, args.port, atr.hex().upper()), flush=True)
    icc.run()


if __name__ == "__main__":
    main()
