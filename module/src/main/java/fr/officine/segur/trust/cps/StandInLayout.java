package fr.officine.segur.trust.cps;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * SANDBOX STAND-IN of what a CPS card exposes. The real CPS3 AIDs and file map are not public
 * (DOMAIN-FACTS §5/§7); a real deployment reads the card through PKCS#11 (Cryptolib CPS). This
 * layout is ours, implemented by the virtual card deploy/pcsc/cps_card.py and documented in
 * deploy/pcsc/README.md: SELECT by {@link #AID}, VERIFY PIN (P2 80, 8 bytes ASCII padded with FF),
 * READ BINARY of a holder template 70 with tags 80..87.
 */
final class StandInLayout {
  static final byte[] AID = HexFormat.of().parseHex("F04F5345475552435053");
  static final int PIN_LENGTH = 8;

  private StandInLayout() {}

  static byte[] pinBlock(char[] pin) {
    byte[] block = new byte[PIN_LENGTH];
    Arrays.fill(block, (byte) 0xFF);
    for (int i = 0; i < pin.length; i++) {
      block[i] = (byte) pin[i];
    }
    return block;
  }

  /** Parses the holder template; empty when it is not one (not our layout, or truncated). */
  static Optional<CpsHolder> parse(byte[] file) {
    try {
      if (file.length < 3 || (file[0] & 0xFF) != 0x70) {
        return Optional.empty();
      }
      int pos = 1;
      int length = file[pos++] & 0xFF;
      if (length == 0x81) {
        length = file[pos++] & 0xFF;
      }
      int end = pos + length;
      if (end > file.length) {
        return Optional.empty();
      }
      Map<Integer, String> tags = new HashMap<>();
      while (pos < end) {
        int tag = file[pos++] & 0xFF;
        int len = file[pos++] & 0xFF;
        tags.put(tag, new String(file, pos, len, StandardCharsets.UTF_8));
        pos += len;
      }
      for (int tag = 0x80; tag <= 0x87; tag++) {
        if (!tags.containsKey(tag)) {
          return Optional.empty();
        }
      }
      DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
      return Optional.of(
          new CpsHolder(
              tags.get(0x80),
              tags.get(0x81),
              tags.get(0x82),
              tags.get(0x83),
              tags.get(0x84),
              LocalDate.parse(tags.get(0x85), day),
              LocalDate.parse(tags.get(0x86), day),
              tags.get(0x87)));
    } catch (RuntimeException e) {
      // a missing tag or a bad date: this card does not follow the layout
      return Optional.empty();
    }
  }
}
