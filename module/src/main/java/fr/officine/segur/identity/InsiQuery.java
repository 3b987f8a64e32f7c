package fr.officine.segur.identity;

import fr.officine.segur.api.identity.InsiLookupRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The traits of an INSi lookup, validated and normalised; the module never sends INSi a name it
 * would refuse.
 *
 * @param firstNames birth first names in order, each one INSi name (a space typed inside one entry
 *     separates two first names; a compound first name keeps its hyphen)
 * @param birthPlace COG: 5 digits, or 2A/2B + 3 digits for Corsica
 */
public record InsiQuery(
    String birthName,
    List<String> firstNames,
    String sex,
    LocalDate birthDate,
    Optional<String> birthPlace) {
  private static final Pattern COG = Pattern.compile("^(?:\\d{5}|2[AB]\\d{3})$");

  public InsiQuery {
    firstNames = List.copyOf(firstNames);
  }

  public static InsiQuery of(InsiLookupRequest request, LocalDate today) {
    if (request == null) {
      throw IdentityNames.invalid("Corps de requête absent.");
    }
    String birthName = IdentityNames.normalise(request.birthName(), "Nom de naissance");
    List<String> firstNames = new ArrayList<>();
    for (String entry : request.firstNames() == null ? List.<String>of() : request.firstNames()) {
      if (entry == null || entry.isBlank()) {
        continue;
      }
      for (String one : IdentityNames.normalise(entry, "Prénom").split(" ")) {
        firstNames.add(one);
      }
    }
    if (firstNames.isEmpty()) {
      throw IdentityNames.invalid("Au moins un prénom de naissance est nécessaire.");
    }
    String sex = request.sex() == null ? "" : request.sex().strip().toUpperCase(Locale.ROOT);
    if (!sex.equals("M") && !sex.equals("F")) {
      throw IdentityNames.invalid("Sexe : M ou F.");
    }
    LocalDate birthDate;
    try {
      birthDate = LocalDate.parse(request.birthDate() == null ? "" : request.birthDate().strip());
    } catch (DateTimeParseException e) {
      throw IdentityNames.invalid("Date de naissance au format AAAA-MM-JJ.");
    }
    if (birthDate.isAfter(today)) {
      throw IdentityNames.invalid("La date de naissance est dans le futur.");
    }
    Optional<String> birthPlace =
        Optional.ofNullable(request.birthPlace())
            .map(String::strip)
            .filter(p -> !p.isEmpty())
            .map(p -> p.toUpperCase(Locale.ROOT));
    if (birthPlace.isPresent() && !COG.matcher(birthPlace.get()).matches()) {
      throw IdentityNames.invalid(
          "Lieu de naissance : code INSEE (COG) de 5 caractères, 2A/2B pour la Corse, 99xxx pour l'étranger.");
    }
    return new InsiQuery(birthName, firstNames, sex, birthDate, birthPlace);
  }

  /**
   * The Prenom values to send, in the order the practice recommends (padoa, DOMAIN-FACTS §3.2):
   * each first name alone, then the full list (not repeated when there is only one).
   */
  public List<String> firstNameAttempts() {
    List<String> attempts = new ArrayList<>(firstNames);
    if (firstNames.size() > 1) {
      attempts.add(String.join(" ", firstNames));
    }
    return attempts;
  }
}
