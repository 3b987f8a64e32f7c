package fr.officine.segur.identity;

import fr.officine.segur.trust.CallerContext;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The INSi téléservice as the identity feature sees it: one search by traits per call, its SOAP
 * types kept inside {@link SoapInsi}. Technical failures are ProblemExceptions (INSI_UNAVAILABLE,
 * INSI_REFUSED), never an answer.
 */
public interface InsiService {
  /**
   * @param firstNames the {@code Prenom} value: one first name, or the list separated by spaces
   */
  InsiAnswer searchByTraits(
      String birthName,
      String firstNames,
      String sex,
      LocalDate birthDate,
      Optional<String> birthPlace,
      CallerContext caller);

  /** The recommended lookup when the patient's carte Vitale is read: one call, no strategy. */
  InsiAnswer searchByCarteVitale(CarteVitaleBeneficiary beneficiary, CallerContext caller);
}
