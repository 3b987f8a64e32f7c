package fr.officine.segur.sandbox.dmp;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * What the sandbox DMP knows of one patient: whether a DMP exists, is closed (when, why), whether
 * the patient opposed feeding by professionals, and which professionals (RPPS) the patient blocked.
 */
public record DmpPatient(
    String ins,
    String lastName,
    String firstName,
    Status status,
    Optional<LocalDate> closedOn,
    Optional<String> closingReason,
    boolean opposedToFeeding,
    Set<String> blockedRpps,
    String scenario) {

  /**
   * ACTIF: open DMP; AUCUN: no DMP was ever created; FERME: closed (by the patient or at death).
   */
  public enum Status {
    ACTIF,
    AUCUN,
    FERME
  }

  public DmpPatient {
    blockedRpps = Set.copyOf(blockedRpps);
  }

  public boolean blocks(String rpps) {
    return blockedRpps.contains(rpps);
  }
}
