package fr.officine.segur.api.identity;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;
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
    @Size(max = FieldLimits.NAME) String birthName,
    @Size(max = FieldLimits.FIRST_NAMES) List<@Size(max = FieldLimits.NAME) String> firstNames,
    @Size(max = FieldLimits.CODE) String sex,
    @Size(max = FieldLimits.CODE) String birthDate,
    @Size(max = FieldLimits.CODE) String birthPlace) {}
