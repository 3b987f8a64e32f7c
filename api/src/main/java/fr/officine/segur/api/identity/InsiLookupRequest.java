package fr.officine.segur.api.identity;

import java.util.List;

/**
 * {@code POST /api/v1/identity/insi}: the traits the pharmacist reads on the identity document.
 * Names are upper-cased and accents removed by the module before the INSi call.
 *
 * @param firstNames the birth first names in civil-status order, first one first
 * @param sex {@code M} or {@code F}
 * @param birthDate {@code YYYY-MM-DD}
 * @param birthPlace the birth commune's INSEE code (COG, 5 characters, 2A/2B for Corsica), or
 *     {@code 99xxx} for a country; optional
 */
public record InsiLookupRequest(
    String birthName, List<String> firstNames, String sex, String birthDate, String birthPlace) {}
