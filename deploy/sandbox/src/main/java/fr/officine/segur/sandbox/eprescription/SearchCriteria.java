package fr.officine.segur.sandbox.eprescription;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * rechercherEPrescriptions: by patient and/or prescriber, optionally since a date and by status.
 */
public record SearchCriteria(
    Optional<String> ins,
    Optional<String> prescriberRpps,
    Optional<LocalDate> since,
    Set<PrescriptionStatus> statuses) {

  public SearchCriteria {
    statuses = Set.copyOf(statuses);
  }
}
