package fr.officine.segur.sandbox.dp;

import java.util.Map;
import java.util.Optional;

/**
 * The DP's product reference (CIP13 → label, ATC). The real DP knows every medicine; the stub knows
 * the sandbox catalogue (seed/SampleProducts) plus the generics of its seeded histories, so that
 * "same molecule, another brand" can be shown. ATC codes from the WHO ATC index.
 */
public final class DpProducts {
  public record Reference(String cip13, String label, String atc) {}

  private static final Map<String, Reference> BY_CIP13 =
      Map.ofEntries(
          ref("3400935955838", "DOLIPRANE 1000 mg cp B/8", "N02BE01"),
          ref("3400936035416", "AMOXICILLINE BIOGARAN 1 g cp dispers B/6", "J01CA04"),
          ref("3400932158744", "CLAMOXYL 1 g cp dispers B/6", "J01CA04"),
          ref("3400930188309", "SPASFON LYOC 80 mg lyoph oral B/10", "A03AX12"),
          ref("3400937832021", "ATORVASTATINE ARROW 20 mg cp pellic B/30", "C10AA05"),
          ref("3400933216146", "KARDEGIC 75 mg pdre sol buv sach B/30", "B01AC06"),
          ref("3400935987525", "LEVOTHYROX 75 microgrammes cp séc B/30", "H03AA01"),
          ref("3400934661211", "SKENAN LP 30 mg gél B/14", "N02AA01"),
          ref("3400936194557", "OMEPRAZOLE ZYDUS 20 mg gél gastrorésist B/28", "A02BC01"),
          ref(
              "3400933512804",
              "VENTOLINE 100 microgrammes/dose susp inhal fl 200 doses",
              "R03AC02"),
          ref("3400933319625", "AMOXICILLINE SANDOZ 250 mg/5 ml pdre susp buv fl 60 ml", "J01CA04"),
          ref("3400934248511", "METFORMINE BIOGARAN 850 mg cp pellic B/30", "A10BA02"),
          ref("3400937582193", "NUROFEN 400 mg cp enr B/12", "M01AE01"),
          // generics only met in the seeded histories (valid EAN-13 check digits)
          ref(DpSeeds.PARACETAMOL_GENERIC, "PARACETAMOL BIOGARAN 1 g cp B/8", "N02BE01"),
          ref(DpSeeds.IBUPROFENE_GENERIC, "IBUPROFENE MYLAN 400 mg cp B/30", "M01AE01"));

  private DpProducts() {}

  private static Map.Entry<String, Reference> ref(String cip13, String label, String atc) {
    return Map.entry(cip13, new Reference(cip13, label, atc));
  }

  public static Optional<Reference> byCip13(String cip13) {
    return Optional.ofNullable(BY_CIP13.get(cip13));
  }
}
