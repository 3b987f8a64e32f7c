package fr.officine.segur.sandbox.eprescription;

import java.time.LocalDate;
import java.util.List;

/** creerEPrescription (or the admin API, or a seed): a prescription to store. */
public record NewPrescription(
    String prescriberRpps, String patientIns, LocalDate prescribedOn, List<NewLine> lines) {

  public NewPrescription {
    lines = List.copyOf(lines);
  }

  public record NewLine(
      Product product,
      String posology,
      int quantity,
      int renewals,
      boolean substitutable,
      boolean narcotic) {}
}
