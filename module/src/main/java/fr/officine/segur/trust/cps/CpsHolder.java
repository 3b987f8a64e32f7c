package fr.officine.segur.trust.cps;

import java.time.LocalDate;

/** What a CPS card says about its holder (read through the sandbox stand-in layout). */
public record CpsHolder(
    String cardType,
    String rpps,
    String lastName,
    String firstName,
    String professionCode,
    LocalDate validFrom,
    LocalDate validUntil,
    String serial) {

  public boolean validOn(LocalDate day) {
    return !day.isBefore(validFrom) && !day.isAfter(validUntil);
  }
}
