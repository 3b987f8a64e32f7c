package fr.officine.segur.products;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BdpmTest {
  static final Charset CP1252 = Charset.forName("windows-1252");

  @Test
  void the_shipped_sample_reads_whole_in_its_real_charsets_without_a_skipped_line() {
    var specialities = Bdpm.specialities(ProductReference.sampleBytes(Bdpm.SPECIALITIES));
    var packs = Bdpm.presentations(ProductReference.sampleBytes(Bdpm.PRESENTATIONS));
    var groups = Bdpm.genericGroups(ProductReference.sampleBytes(Bdpm.GENERIC_GROUPS));

    assertThat(specialities.skippedLines()).isEmpty();
    assertThat(packs.skippedLines()).isEmpty();
    assertThat(groups.skippedLines()).isEmpty();
    // CIS_bdpm is Windows-1252: its accents come out right, not as replacement characters.
    assertThat(specialities.records())
        .anySatisfy(
            s ->
                assertThat(s.denomination())
                    .isEqualTo("LEVOTHYROX 75 microgrammes, comprimé sécable"));
    // CIS_CIP is UTF-8 with a trailing tab on each line.
    assertThat(packs.records())
        .anySatisfy(
            p -> {
              assertThat(p.cip13()).isEqualTo("3400934661211");
              assertThat(p.label())
                  .isEqualTo("plaquette(s) thermoformée(s) PVC aluminium de 14 gélule(s)");
              assertThat(p.cip7()).isEqualTo("3466121");
            });
    assertThat(groups.records())
        .anySatisfy(g -> assertThat(g.groupLabel()).startsWith("OMÉPRAZOLE 20 mg - MOPRAL"));
    assertThat(packs.records())
        .filteredOn(p -> p.cip13().equals("3400939988771"))
        .singleElement()
        .satisfies(p -> assertThat(p.marketed()).as("arrêt de commercialisation").isFalse());
  }

  @Test
  void every_cip13_the_sandbox_seeds_and_prescribes_is_in_the_sample() {
    var packs = Bdpm.presentations(ProductReference.sampleBytes(Bdpm.PRESENTATIONS)).records();
    // deploy/sandbox SampleProducts, DpSeeds/DpProducts and the integration tests' codes.
    for (String cip13 :
        new String[] {
          "3400935955838", "3400936035416", "3400932158744", "3400930188309", "3400937832021",
          "3400933216146", "3400935987525", "3400934661211", "3400936194557", "3400933512804",
          "3400933319625", "3400934248511", "3400937582193", "3400930000014", "3400930000021",
          "3400930000007", "3400934998331", "3400936404250", "3400933989491"
        }) {
      assertThat(packs).as(cip13).anyMatch(p -> p.cip13().equals(cip13));
    }
  }

  @Test
  void odd_lines_are_skipped_and_counted_the_rest_is_read() {
    String file =
        "60000001\tPRODUIT A, comprimé\tcomprimé\torale\tAutorisation active\tProcédure nationale\tCommercialisée\r\n"
            + "\r\n" // empty line: ignored, not counted
            + "6000000\tCIS TROP COURT\tcomprimé\torale\tAutorisation active\tProcédure nationale\tCommercialisée\r\n"
            + "60000002\tPRODUIT B, gélule\r\n" // too few fields
            + "ABCDEFGH\tPAS UN CIS\tcomprimé\torale\tAutorisation active\tProcédure nationale\tCommercialisée\r\n"
            + "60000003\tPRODUIT C, sirop\tsirop\torale\tAutorisation abrogée\tProcédure nationale\tNon commercialisée\r\n";
    var read = Bdpm.specialities(file.getBytes(CP1252));

    assertThat(read.records())
        .extracting(Bdpm.Speciality::cis)
        .containsExactly("60000001", "60000003");
    assertThat(read.records().get(1).marketed()).isFalse();
    assertThat(read.skippedLines()).containsExactly(3, 4, 5);
  }

  @Test
  void a_pack_with_a_wrong_cip13_key_or_an_unknown_generic_type_is_skipped() {
    String packs =
        "60000001\t3595583\tboîte de 8\tPrésentation active\tDéclaration de commercialisation\t01/01/2010\t3400935955839\toui\n"
            + "60000001\t3595583\tboîte de 8\tPrésentation active\tDéclaration de commercialisation\t01/01/2010\t3400935955838\toui\t65%\t1,16\t2,18\t1,02\t\t\n";
    assertThat(Bdpm.presentations(packs.getBytes(StandardCharsets.UTF_8)).skippedLines())
        .containsExactly(1);

    String groups =
        "1\tGROUPE\t60000001\t0\t1\r\n1\tGROUPE\t60000002\t9\t2\r\n1\tGROUPE\t60000003\t4\t3\r\n";
    var read = Bdpm.genericGroups(groups.getBytes(CP1252));
    assertThat(read.records())
        .extracting(Bdpm.GroupMember::type)
        .containsExactly(Bdpm.GenericType.PRINCEPS, Bdpm.GenericType.SUBSTITUTABLE_GENERIC);
    assertThat(read.skippedLines()).containsExactly(2);
  }

  @Test
  void charset_is_utf8_when_valid_utf8_else_windows_1252_and_a_bom_is_dropped() {
    String text = "GÉLULE gastro-résistante – 5 µg";
    assertThat(Bdpm.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    assertThat(Bdpm.decode(text.getBytes(CP1252))).isEqualTo(text);
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'A'};
    assertThat(Bdpm.decode(bom)).isEqualTo("A");
  }
}
