package fr.officine.segur.identity;

import fr.officine.segur.api.id.Ins;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A qualified identity: INSi answered 00 with these traits AND a professional checked a high-trust
 * identity document against them. The only form in which an INS may identify a patient in data
 * shared with others (DMP); the traits here are the ones to write in a CDA.
 */
public record QualifiedIdentity(
    Ins ins,
    String birthName,
    List<String> firstNames,
    String sex,
    LocalDate birthDate,
    Optional<String> birthPlace,
    OffsetDateTime qualifiedAt,
    String qualifiedBy,
    IdentityDocumentType document) {

  public QualifiedIdentity {
    firstNames = List.copyOf(firstNames);
  }

  public String firstName() {
    return firstNames.get(0);
  }
}
