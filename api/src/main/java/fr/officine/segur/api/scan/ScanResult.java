package fr.officine.segur.api.scan;

import jakarta.json.bind.annotation.JsonbCreator;
import java.time.LocalDate;

/**
 * {@code POST /api/v1/scans} answer: what the scanned code is.
 *
 * <p>{@code E_PRESCRIPTION}: {@code prescriptionNumber}. {@code MEDICINE_BOX} (the GS1 DataMatrix
 * of a medicine box): {@code cip13}, and when the code carries them {@code expiry} (ISO date, GS1
 * day 00 already turned into the month's last day), {@code lot}, {@code serial}. Absent fields are
 * left out of the JSON.
 */
public record ScanResult(
    String kind,
    String prescriptionNumber,
    String cip13,
    LocalDate expiry,
    String lot,
    String serial) {
  /** The one constructor JSON-B uses (a record with several constructors needs it named). */
  @JsonbCreator
  public ScanResult {}

  public static final String E_PRESCRIPTION = "E_PRESCRIPTION";
  public static final String MEDICINE_BOX = "MEDICINE_BOX";

  public ScanResult(String kind, String prescriptionNumber) {
    this(kind, prescriptionNumber, null, null, null, null);
  }

  public static ScanResult medicineBox(String cip13, LocalDate expiry, String lot, String serial) {
    return new ScanResult(MEDICINE_BOX, null, cip13, expiry, lot, serial);
  }
}
