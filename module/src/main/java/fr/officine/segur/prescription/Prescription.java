package fr.officine.segur.prescription;

import fr.officine.segur.api.id.PrescriptionNumber;
import java.time.LocalDate;
import java.util.List;

/**
 * An e-prescription as the base has it, in the module's own terms: the anti-corruption layer
 * translates the SOAP types into this and nothing of the wire format leaves the package.
 */
public record Prescription(
    PrescriptionNumber number,
    PrescriptionStatus status,
    LocalDate prescribedOn,
    LocalDate firstDeliveryDeadline,
    Prescriber prescriber,
    Patient patient,
    List<Line> lines) {

  public record Prescriber(String rpps, String lastName, String firstName, String specialty) {}

  public record Patient(
      String ins,
      String insOid,
      String birthName,
      String firstName,
      LocalDate birthDate,
      String sex) {

    /** The qualified INS (matricule + key, with its OID), when the base gives one. */
    public java.util.Optional<fr.officine.segur.api.id.Ins> qualifiedIns() {
      if (ins == null
          || insOid == null
          || ins.length() != fr.officine.segur.api.id.Ins.MATRICULE_LENGTH + 2) {
        return java.util.Optional.empty();
      }
      try {
        return java.util.Optional.of(
            fr.officine.segur.api.id.Ins.fromInsi(
                ins.substring(0, fr.officine.segur.api.id.Ins.MATRICULE_LENGTH),
                ins.substring(fr.officine.segur.api.id.Ins.MATRICULE_LENGTH),
                insOid));
      } catch (fr.officine.segur.api.id.InvalidIdentifierException e) {
        return java.util.Optional.empty();
      }
    }
  }

  /** A product: CIP13 (code system 1.2.250.1.213.2.3.2) for a medicine, else LPP or free text. */
  public record Product(String code, String codeSystem, String label) {
    /**
     * Coded in another system than CIP13 (an LPP device such as an eye lubricant): the base can
     * prescribe it but knows no such product, and refuses any execution on the line.
     */
    public boolean unknownToBase() {
      return code != null && codeSystem != null && !SoapTranslation.CIP13_SYSTEM.equals(codeSystem);
    }
  }

  /**
   * One prescribed line; quantities in boxes (see the WSDL). {@code treatmentDays} / {@code
   * fractionDays}: a narcotic's treatment duration and fraction in days, null when not given.
   */
  public record Line(
      String lineId,
      Product product,
      String dosage,
      int prescribedQuantity,
      int renewals,
      int totalQuantity,
      int deliveredQuantity,
      int remainingQuantity,
      int deliverableNow,
      boolean substitutable,
      boolean narcotic,
      boolean handwritten,
      List<Execution> executions,
      Integer treatmentDays,
      Integer fractionDays) {}

  /** One delivery already recorded on a line, by any pharmacy. */
  public record Execution(
      String executionId,
      String pharmacyFiness,
      String pharmacyName,
      String pharmacistRpps,
      java.time.OffsetDateTime date,
      int quantity,
      String completenessCode,
      Product deliveredProduct,
      String notDeliveredReason) {}
}
