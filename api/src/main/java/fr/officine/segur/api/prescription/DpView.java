package fr.officine.segur.api.prescription;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The patient's Dossier Pharmaceutique at the counter (DP issue), fetched with the prescription.
 *
 * @param state ACTIVE, NONE (no DP), CLOSED, ACCESS_REFUSED (the patient refuses access),
 *     UNKNOWN_PATIENT, UNAVAILABLE (the DP did not answer in time), NO_INS (identity not qualified:
 *     the DP cannot be queried by INS)
 * @param label what the counter shows, in French
 * @param canFeed whether this dispensation will be recorded in the DP
 * @param history the dispensations of the last months, every pharmacy, newest first (empty unless
 *     ACTIVE)
 * @param alerts DP-Rappels / DP-Ruptures concerning the prescribed products or the history
 * @param interactions products of this prescription already delivered elsewhere recently
 */
public record DpView(
    String state,
    String label,
    boolean canFeed,
    List<Dispensation> history,
    List<Alert> alerts,
    List<Interaction> interactions) {

  /**
   * One product delivered, as the DP holds it.
   *
   * @param otherPharmacy true when delivered by another pharmacy than the acting one
   * @param atc the WHO ATC code, null when unknown; {@code lot} null when not recorded
   * @param dispensationId the recording pharmacy's id of the dispensation (the base's execution id
   *     when it executed an e-prescription): tells this prescription's own deliveries apart
   */
  public record Dispensation(
      OffsetDateTime deliveredAt,
      String pharmacyFiness,
      String pharmacyName,
      boolean otherPharmacy,
      String cip13,
      String label,
      String atc,
      int quantity,
      String lot,
      String dispensationId) {}

  /**
   * @param type RECALL (DP-Rappels) or SHORTAGE (DP-Ruptures)
   * @param typeLabel "Rappel de lot" / "Rupture", in French
   */
  public record Alert(
      String type,
      String typeLabel,
      String cip13,
      String label,
      String lot,
      LocalDate since,
      String message) {}

  /**
   * A prescribed line whose product (SAME_PRODUCT: same CIP13) or molecule (SAME_MOLECULE: same ATC
   * code) was delivered by another pharmacy within the configured window.
   *
   * @param message in French, for the pharmacist
   * @param dispensationId the DP's dispensation that raised it (see {@link Dispensation})
   */
  public record Interaction(
      String lineId,
      String kind,
      String prescribedCip13,
      String deliveredCip13,
      String deliveredLabel,
      String atc,
      OffsetDateTime deliveredAt,
      String pharmacyName,
      String message,
      String dispensationId) {}
}
