package fr.officine.segur.dmp.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The prescriber's specialty code from the label the e-prescription base gives (JDV_J01). */
class AuthorSpecialtiesTest {
  private final AuthorSpecialties specialties = AuthorSpecialties.get();

  @ParameterizedTest
  @ValueSource(strings = {"Pédiatrie", "PEDIATRIE", "pédiatrie ", "Médecin - Pédiatrie (SM)"})
  void a_label_finds_its_code_accents_and_case_ignored_the_qualified_specialist_first(
      String label) {
    // "Pédiatrie" is also a competence, G15_10/C51 « Médecin - Pédiatrie (C) »
    assertThat(specialties.prescriber(label).code()).isEqualTo("G15_10/SM40");
  }

  @Test
  void general_medicine() {
    assertThat(specialties.prescriber("Médecine générale").code()).isEqualTo("G15_10/SM54");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "Herboristerie lunaire"})
  void a_label_the_value_set_does_not_name_gives_the_profession_medecin(String label) {
    assertThat(specialties.prescriber(label).code()).isEqualTo("G15_10");
    assertThat(specialties.prescriber(label).displayName()).isEqualTo("Médecin");
  }
}
