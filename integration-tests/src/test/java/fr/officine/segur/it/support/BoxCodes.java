package fr.officine.segur.it.support;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Medicine boxes' GS1 DataMatrix codes, as a pack printer encodes them (GS1 General Specifications:
 * FNC1 first, AI 01 GTIN-14 = 0 + CIP13, 17 expiry YYMMDD, 10 lot, 21 serial, GS after a
 * variable-length field that is not the last). The picture of it is the module's {@code
 * BoxPictures.gs1DataMatrix}.
 */
public final class BoxCodes {
  public static final String GS = "\u001d";

  private BoxCodes() {}

  /** The element string in the usual order (01, 17, 10, GS, 21). */
  public static String elementString(String cip13, LocalDate expiry, String lot, String serial) {
    return "01"
        + "0"
        + cip13
        + "17"
        + expiry.format(DateTimeFormatter.ofPattern("yyMMdd"))
        + "10"
        + lot
        + GS
        + "21"
        + serial;
  }
}
