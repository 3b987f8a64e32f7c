package fr.officine.segur.trust.cps;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the French CPS3 family ("CPx") by its ATR under a mask, with the two patterns of
 * OpenSC's IAS/ECC driver (card-iasecc.c): the contact card and the contactless one. Bytes the mask
 * zeroes (protocol parameters, chip and mask versions) vary between card batches.
 */
public final class CpxAtr {
  private record Pattern(String family, byte[] atr, byte[] mask) {}

  private static final HexFormat HEX = HexFormat.ofDelimiter(":");
  private static final List<Pattern> PATTERNS =
      List.of(
          new Pattern(
              "IAS/ECC CPx",
              HEX.parseHex("3B:AC:00:40:2A:00:12:25:00:64:80:00:03:10:00:90:00"),
              HEX.parseHex("FF:00:00:00:00:FF:FF:FF:FF:FF:FF:00:00:00:FF:FF:FF")),
          new Pattern(
              "IAS/ECC CPxCL",
              HEX.parseHex("2B:8F:80:01:00:31:B8:64:04:B0:EC:C1:73:94:01:80:82:90:00:0E"),
              HEX.parseHex("FF:FF:FF:FF:FF:FF:FF:FF:00:00:FF:C0:FF:FF:FF:FF:FF:FF:FF:FF")));

  private CpxAtr() {}

  /** The OpenSC family name of a CPx ATR; empty for any other card. */
  public static Optional<String> family(byte[] atr) {
    return PATTERNS.stream().filter(p -> matches(p, atr)).map(Pattern::family).findFirst();
  }

  private static boolean matches(Pattern p, byte[] atr) {
    if (atr.length != p.atr().length) {
      return false;
    }
    for (int i = 0; i < atr.length; i++) {
      if ((atr[i] & p.mask()[i]) != (p.atr()[i] & p.mask()[i])) {
        return false;
      }
    }
    return true;
  }
}
