package fr.officine.segur.identity;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names as INSi wants them (DOMAIN-FACTS §3.2, padoa practice): upper case, no accents, letters
 * separated by one hyphen, a double hyphen (a double birth name "DUPONT--DURAND"), an apostrophe or
 * one space.
 */
final class IdentityNames {
  static final Pattern INSI_NAME = Pattern.compile("^[A-Z]+(?:(?:-{1,2}|[' ])[A-Z]+)*$");

  private IdentityNames() {}

  /**
   * "Hélène d’Arc " → "HELENE D'ARC"; ligatures Œ/Æ written out (OE/AE), typographic apostrophes
   * made straight, runs of spaces collapsed. Refused (422) when the result is not an INSi name.
   *
   * @param field the French name of the field, for the problem's detail
   */
  static String normalise(String typed, String field) {
    if (typed == null || typed.isBlank()) {
      throw invalid(field + " absent.");
    }
    String s =
        typed
            .strip()
            .replace('’', '\'')
            .replace('‘', '\'')
            .replace("œ", "oe")
            .replace("Œ", "OE")
            .replace("æ", "ae")
            .replace("Æ", "AE")
            .replaceAll("\\s+", " ");
    s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    s = s.toUpperCase(Locale.ROOT);
    if (!INSI_NAME.matcher(s).matches()) {
      throw invalid(
          field
              + " « "
              + typed.strip()
              + " » : seulement des lettres, séparées par un tiret, deux tirets, une apostrophe ou un espace.");
    }
    return s;
  }

  static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.IDENTITY_TRAITS_INVALID, detail);
  }
}
