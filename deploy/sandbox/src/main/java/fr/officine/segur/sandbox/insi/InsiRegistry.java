package fr.officine.segur.sandbox.insi;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sandbox's identity register and its search rules. The real matching rules of the RNIV are not
 * public; these are the sandbox's, chosen so that the published test cases answer as published:
 *
 * <ul>
 *   <li>by traits: birth name, sex and birth date equal; the birth place (COG) equal when sent; the
 *       first names sent (several {@code Prenom} are joined by a space) equal either the first
 *       birth first name or the whole list. TCHITCHI OLA therefore answers 01 and TCHITCHI CATARINA
 *       00, as published.
 *   <li>by carte Vitale: the beneficiary's matricule (active or former INS) and, when sent, the
 *       birth date.
 * </ul>
 */
public final class InsiRegistry {
  private final List<InsiIdentity> identities;

  public InsiRegistry(List<InsiIdentity> identities) {
    this.identities = List.copyOf(identities);
  }

  /** What the caller sent in RECSANSVITALE, already trimmed. */
  public record Traits(
      String birthName,
      List<String> firstNames,
      String sex,
      LocalDate birthDate,
      Optional<String> birthPlace) {}

  public List<InsiIdentity> byTraits(Traits traits) {
    String firstNames = upper(String.join(" ", traits.firstNames()));
    return identities.stream()
        .filter(i -> i.birthName().equals(upper(traits.birthName())))
        .filter(i -> i.sex().equals(upper(traits.sex())))
        .filter(i -> i.birthDate().equals(traits.birthDate()))
        .filter(i -> traits.birthPlace().map(p -> i.birthPlace().equals(upper(p))).orElse(true))
        .filter(i -> firstNames.equals(i.firstFirstName()) || firstNames.equals(i.firstNameList()))
        .toList();
  }

  public List<InsiIdentity> byCarteVitale(String matricule, Optional<LocalDate> birthDate) {
    String m = upper(matricule);
    return identities.stream()
        .filter(
            i ->
                i.active().matricule().equals(m)
                    || i.history().stream().anyMatch(h -> h.matricule().equals(m)))
        .filter(i -> birthDate.map(d -> i.birthDate().equals(d)).orElse(true))
        .toList();
  }

  private static String upper(String s) {
    return s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
  }
}
