package fr.officine.segur.api.prescription;

/**
 * The patient's DMP as TD0.2 answered for the acting pharmacist, shown at the counter with the
 * prescription.
 *
 * @param state ACTIVE, NONE (no DMP), CLOSED, OPPOSED (the patient refuses feeding by
 *     professionals), PS_BLOCKED (this pharmacist is blocked by the patient), UNAVAILABLE (the DMP
 *     did not answer in time), NO_INS (no INS: the DMP cannot be queried), INS_NOT_QUALIFIED (the
 *     base gives an INS the module has not qualified: TD0.2 not sent until it is)
 * @param authorisation the DMP's AUTORISATION (VALIDE, INTERDIT, EXPIRE, NON_EXISTE), null when
 *     unknown
 * @param label what the counter shows, in French
 * @param canFeed whether the dispensation document can go to the DMP
 */
public record DmpStatusView(String state, String authorisation, String label, boolean canFeed) {}
