package fr.officine.segur.sandbox.insi;

import java.time.LocalDate;
import java.util.List;

/**
 * One identity of the sandbox's national identity register (RNIV): the INS traits the service
 * returns in TIQ, the active INS (INSACTIF) and the former ones (INSHISTO).
 *
 * @param firstNames the birth first names in civil-status order, as INSi's {@code ListePrenom}
 *     (space-separated on the wire; a compound first name keeps its hyphen)
 */
public record InsiIdentity(
    String birthName,
    List<String> firstNames,
    String sex,
    LocalDate birthDate,
    String birthPlace,
    InsNumber active,
    List<InsNumber> history) {

  public InsiIdentity {
    firstNames = List.copyOf(firstNames);
    history = List.copyOf(history);
  }

  /** As INSi writes it in {@code TIQ/ListePrenom}. */
  public String firstNameList() {
    return String.join(" ", firstNames);
  }

  public String firstFirstName() {
    return firstNames.get(0);
  }

  /** An INS as the register holds it: matricule (13), key (2), OID. Keys are NOT recomputed. */
  public record InsNumber(String matricule, String key, String oid) {}
}
