package fr.officine.segur.api.identity;

import java.util.List;

/**
 * The INS traits as INSi returned them (TIQ): what the pharmacist compares with the identity
 * document, and what the module must use from then on for this patient.
 *
 * @param firstName the first birth first name (first of {@code firstNames})
 */
public record IdentityTraitsView(
    String birthName,
    List<String> firstNames,
    String firstName,
    String sex,
    String birthDate,
    String birthPlace) {}
