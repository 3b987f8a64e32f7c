package fr.officine.segur.products;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.product.ProductView;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductCatalogueTest {
  static final ProductCatalogue SAMPLE = ProductReference.read(ProductReference::sampleBytes);

  @Test
  void words_are_prefixes_found_whatever_the_accents_and_case() {
    assertThat(SAMPLE.search("levothyrox secable"))
        .extracting(ProductView::cip13)
        .containsExactly("3400935987525");
    assertThat(SAMPLE.search("GÉLULE omep"))
        .extracting(ProductView::cip13)
        .containsExactlyInAnyOrder("3400936194557", "3400933322113");
    assertThat(SAMPLE.search("amox 1 g"))
        .extracting(ProductView::denomination)
        .allMatch(d -> d.startsWith("AMOXICILLINE"))
        .hasSize(3);
  }

  @Test
  void a_cip13_cip7_or_cis_finds_its_packs() {
    assertThat(SAMPLE.search("3400935955838"))
        .extracting(ProductView::label)
        .containsExactly(
            "DOLIPRANE 1000 mg, comprimé — plaquette(s) PVC aluminium de 8 comprimé(s)");
    assertThat(SAMPLE.search("3595583"))
        .extracting(ProductView::cip13)
        .containsExactly("3400935955838");
    assertThat(SAMPLE.search("61000202"))
        .extracting(ProductView::cip13)
        .containsExactlyInAnyOrder("3400936035416", "3400936404250");
    assertThat(SAMPLE.search("3400935955839")).as("unknown CIP13").isEmpty();
  }

  @Test
  void marketed_packs_come_first_and_a_name_starting_with_the_word_before_one_containing_it() {
    List<ProductView> doliprane = SAMPLE.search("doliprane");
    assertThat(doliprane).extracting(ProductView::marketed).containsExactly(true, false);
    List<ProductView> paracetamol = SAMPLE.search("paracetamol");
    assertThat(paracetamol)
        .extracting(ProductView::denomination)
        .allMatch(d -> d.startsWith("PARACETAMOL"));
  }

  @Test
  void at_most_twenty_results_and_nothing_for_one_letter() {
    assertThat(SAMPLE.search("c")).isEmpty();
    assertThat(SAMPLE.search("  ")).isEmpty();
    assertThat(SAMPLE.search(null)).isEmpty();
    assertThat(SAMPLE.search("de")).hasSizeLessThanOrEqualTo(ProductCatalogue.MAX_RESULTS);
  }

  @Test
  void substitutes_are_the_other_marketed_packs_of_the_generic_group_generics_first() {
    var clamoxyl = SAMPLE.substitutes("3400932158744");
    assertThat(clamoxyl.prescribed().princeps()).isTrue();
    assertThat(clamoxyl.genericGroup().id()).isEqualTo("1002");
    assertThat(clamoxyl.substitutes())
        .extracting(ProductView::cip13)
        .containsExactlyInAnyOrder("3400936035416", "3400936404250", "3400934998331");
    assertThat(clamoxyl.substitutes()).allMatch(p -> p.genericType().equals("GENERIC"));

    var generic = SAMPLE.substitutes("3400936035416");
    assertThat(generic.substitutes())
        .extracting(ProductView::cip13)
        .as("the princeps last, the same speciality's other pack is not a substitute")
        .containsExactly("3400934998331", "3400932158744");

    var doliprane = SAMPLE.substitutes("3400935955838");
    assertThat(doliprane.substitutes())
        .extracting(ProductView::cip13)
        .containsExactlyInAnyOrder("3400930000007", "3400930000014");

    assertThat(SAMPLE.substitutes("3400933216146").substitutes())
        .as("KARDEGIC: no group")
        .isEmpty();
    assertThat(SAMPLE.substitutes("3400935955839").prescribed()).as("unknown").isNull();
  }
}
