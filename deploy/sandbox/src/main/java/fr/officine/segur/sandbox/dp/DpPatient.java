package fr.officine.segur.sandbox.dp;

import java.time.LocalDate;
import java.util.Set;

/**
 * What the DP stub knows of one patient: the carte Vitale data it can be found by, the state of the
 * DP, and the products the patient refused to have recorded.
 */
public record DpPatient(
    String ins,
    String lastName,
    String firstName,
    String nir,
    int rang,
    LocalDate birthDate,
    Status status,
    Set<String> refusedCip13,
    String scenario) {

  /**
   * ACTIF: open DP; AUCUN: never opened; FERME: closed; REFUS_ACCES: access refused by the patient.
   */
  public enum Status {
    ACTIF,
    AUCUN,
    FERME,
    REFUS_ACCES
  }

  public DpPatient {
    refusedCip13 = Set.copyOf(refusedCip13);
  }
}
