package fr.officine.segur.api.session;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/sessions/cps} body: the card's PIN, and optionally the PC/SC reader name
 * (absent: the reader holding a CPx card). {@code confirmLastTry} (extension, issue 11 §13): when
 * the card has one PIN try left the module does not use it unless the pharmacist confirms it (a
 * wrong PIN then blocks the card); absent = false.
 */
public record CpsSessionRequest(
    @Size(max = FieldLimits.PIN) String pin,
    @Size(max = FieldLimits.READER) String reader,
    Boolean confirmLastTry) {

  /** Never the PIN, should the record reach a log or an error message. */
  @Override
  public String toString() {
    return "CpsSessionRequest[pin=***, reader="
        + reader
        + ", confirmLastTry="
        + confirmLastTry
        + "]";
  }
}
