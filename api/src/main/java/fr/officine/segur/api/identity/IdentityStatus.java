package fr.officine.segur.api.identity;

/**
 * Identitovigilance status of a patient identity (RNIV vocabulary).
 *
 * <ul>
 *   <li>PROVISOIRE: nothing verified by INSi in this module (typed by hand, or unknown);
 *   <li>RECUPEREE: INSi answered 00 for it, the identity document was not checked yet;
 *   <li>QUALIFIEE: INSi 00 AND the identity document checked by a professional: the only status
 *       under which the INS may be used to share data (DMP).
 * </ul>
 */
public enum IdentityStatus {
  PROVISOIRE,
  RECUPEREE,
  QUALIFIEE
}
