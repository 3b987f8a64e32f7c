package fr.officine.segur.sandbox.eprescription;

import java.time.LocalDate;
import java.util.List;

/** creerEPrescription (or the admin API, or a seed): a prescription to store. */
public record NewPrescription(
    String prescriberRpps, String patientIns, LocalDate prescribedOn, List<NewLine> lines) {

  public NewPrescription {
    lines = List.copyOf(lines);
  }

  /**
   * {@code treatmentDays} / {@code fractionDays}: for a narcotic, the treatment duration and the
   * fraction the prescriber ordered (Code de la santé publique R.5132-30/33), null when not said.
   */
  public record NewLine(
      Product product,
      String posology,
      int quantity,
      int renewals,
      boolean substitutable,
      boolean narcotic,
      Integer treatmentDays,
      Integer fractionDays) {

    public NewLine(
        Product product,
        String posology,
        int quantity,
        int renewals,
        boolean substitutable,
        boolean narcotic) {
      this(product, posology, quantity, renewals, substitutable, narcotic, null, null);
    }
  }
}
