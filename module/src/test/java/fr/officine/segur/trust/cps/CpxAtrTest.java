package fr.officine.segur.trust.cps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CpxAtrTest {
  static byte[] atr(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  @Test
  void the_cpx_contact_atr_is_recognised_whatever_the_masked_bytes() {
    assertThat(CpxAtr.family(atr("3BAC00402A001225006480000310009000"))).contains("IAS/ECC CPx");
    // bytes 1-4 and 11-13 are masked out: protocol parameters and versions vary between batches
    assertThat(CpxAtr.family(atr("3BACFF412B001225006480FFFFFF009000"))).contains("IAS/ECC CPx");
  }

  @Test
  void the_cpx_contactless_atr_is_recognised() {
    assertThat(CpxAtr.family(atr("2B8F80010031B86404B0ECC173940180829000 0E".replace(" ", ""))))
        .contains("IAS/ECC CPxCL");
    assertThat(CpxAtr.family(atr("2B8F80010031B864FFFFECFF73940180829000 0E".replace(" ", ""))))
        .contains("IAS/ECC CPxCL");
  }

  @Test
  void other_cards_and_unmasked_differences_are_not_cpx() {
    assertThat(CpxAtr.family(atr("3B951381018073FF01000B"))).isEmpty(); // vicc's ISO 7816 card
    assertThat(CpxAtr.family(atr("3BAC00402A001225006480000310009001"))).isEmpty(); // SW byte
    assertThat(CpxAtr.family(atr("3BAC00402A0012250064800003100090"))).isEmpty(); // truncated
    assertThat(CpxAtr.family(new byte[0])).isEmpty();
  }
}
