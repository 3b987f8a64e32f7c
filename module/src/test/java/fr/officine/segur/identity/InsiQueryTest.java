package fr.officine.segur.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.identity.InsiLookupRequest;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Names and traits as INSi accepts them (padoa's name pattern, DOMAIN-FACTS §3.2). */
class InsiQueryTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Hélène d’Arc|HELENE D'ARC",
        "  dupont--durand |DUPONT--DURAND",
        "Œdipe|OEDIPE",
        "Lætitia|LAETITIA",
        "jean   pierre|JEAN PIERRE",
        "NGUYỄN|NGUYEN",
        "o'neil-çà|O'NEIL-CA"
      })
  void names_are_upper_cased_without_accents_before_insi(String typed, String sent) {
    assertThat(IdentityNames.normalise(typed, "Nom")).isEqualTo(sent);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DUPONT3",
        "-DUPONT",
        "DUPONT-",
        "O''NEIL",
        "A---B",
        "DUPONT.",
        "ДМИТРИЙ",
        " ",
        "<script>"
      })
  void what_is_not_an_insi_name_is_refused_with_422(String typed) {
    assertThatThrownBy(() -> IdentityNames.normalise(typed, "Nom"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.IDENTITY_TRAITS_INVALID);
              assertThat(p.type().status()).isEqualTo(422);
            });
  }

  @Test
  void each_first_name_is_tried_alone_then_the_list_once() {
    InsiQuery q =
        InsiQuery.of(
            new InsiLookupRequest("x", List.of("Pierre Paul", "Jacques"), "m", "1993-01-27", null),
            TODAY);
    assertThat(q.firstNameAttempts())
        .containsExactly("PIERRE", "PAUL", "JACQUES", "PIERRE PAUL JACQUES");
    assertThat(q.sex()).isEqualTo("M");

    InsiQuery one =
        InsiQuery.of(
            new InsiLookupRequest("ADRUN", List.of("Zoé"), "F", "1975-12-31", null), TODAY);
    assertThat(one.firstNameAttempts()).containsExactly("ZOE");
  }

  @Test
  void the_birth_place_is_a_cog_corsica_included() {
    assertThat(
            InsiQuery.of(
                    new InsiLookupRequest("CORSE", List.of("ANTHONY"), "M", "1980-03-02", "2b020"),
                    TODAY)
                .birthPlace())
        .hasValue("2B020");
    for (String bad : List.of("2C020", "6322", "632200", "LYON")) {
      assertThatThrownBy(
              () ->
                  InsiQuery.of(
                      new InsiLookupRequest("CORSE", List.of("ANTHONY"), "M", "1980-03-02", bad),
                      TODAY))
          .as(bad)
          .isInstanceOf(ProblemException.class);
    }
  }

  @Test
  void sex_date_and_first_names_are_required_and_checked() {
    for (InsiLookupRequest bad :
        List.of(
            new InsiLookupRequest("ADRUN", List.of(), "F", "1975-12-31", null),
            new InsiLookupRequest("ADRUN", List.of("ZOE"), "X", "1975-12-31", null),
            new InsiLookupRequest("ADRUN", List.of("ZOE"), "F", "31/12/1975", null),
            new InsiLookupRequest("ADRUN", List.of("ZOE"), "F", "2026-11-24", null),
            new InsiLookupRequest(null, List.of("ZOE"), "F", "1975-12-31", null))) {
      assertThatThrownBy(() -> InsiQuery.of(bad, TODAY))
          .as(bad.toString())
          .isInstanceOfSatisfying(
              ProblemException.class,
              p -> assertThat(p.type()).isEqualTo(ProblemType.IDENTITY_TRAITS_INVALID));
    }
  }
}
