package fr.officine.segur.identity;

import fr.officine.segur.api.id.Ins;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An identity as INSi returned it with code 00: the active INS, the former ones, and the INS traits
 * (TIQ), which replace what was typed.
 */
public record RetrievedIdentity(
    Ins ins,
    List<Ins> history,
    String birthName,
    List<String> firstNames,
    String sex,
    LocalDate birthDate,
    Optional<String> birthPlace) {

  public RetrievedIdentity {
    history = List.copyOf(history);
    firstNames = List.copyOf(firstNames);
  }

  public String firstNameList() {
    return String.join(" ", firstNames);
  }
}
