package fr.officine.segur.api.identity;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/**
 * The identity document the pharmacist checked against the INS traits.
 *
 * @param type {@code CNI}, {@code PASSEPORT}, {@code TITRE_SEJOUR}, {@code ACTE_NAISSANCE}, {@code
 *     LIVRET_FAMILLE} (high-trust documents); {@code CARTE_VITALE}, {@code PERMIS_CONDUIRE} and
 *     others are refused: they do not allow qualification
 * @param checkedTraitsMatch the pharmacist confirms that the document's traits are the INS traits
 */
public record IdentityDocumentRequest(
    @Size(max = FieldLimits.CODE) String type, Boolean checkedTraitsMatch) {}
