package fr.officine.segur.scan;

import fr.officine.segur.api.id.Cip13;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the GS1 DataMatrix of a medicine box sold in France says (GS1 France / CIP "DataMatrix"
 * specification, EU falsified medicines directive 2011/62/EU and delegated regulation 2016/161 art.
 * 4: product code, serial number, batch, expiry).
 *
 * @param cip13 the pack's CIP13, carried as GTIN-14 {@code 0} + CIP13 in AI (01)
 * @param expiry AI (17), day 00 already turned into the month's last day
 * @param lot AI (10)
 * @param serial AI (21)
 */
public record MedicineBox(
    Cip13 cip13, Optional<LocalDate> expiry, Optional<String> lot, Optional<String> serial) {
  /** GS1 maximum length of AI (10) lot and AI (21) serial (General Specifications §3.2). */
  public static final int MAX_LOT = 20;

  public static final int MAX_SERIAL = 20;

  /** A lot or serial as GS1 allows it: 1 to {@code max} characters of character set 82. */
  public static boolean isGs1Field(String value, int max) {
    return value != null
        && !value.isEmpty()
        && value.length() <= max
        && Gs1ElementString.isCset82(value);
  }
}
