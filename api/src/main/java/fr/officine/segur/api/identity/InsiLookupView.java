package fr.officine.segur.api.identity;

/**
 * The answer of {@code POST /api/v1/identity/insi}.
 *
 * @param result the INSi code: {@code 00} one identity, {@code 01} none, {@code 02} several
 * @param message what to tell the pharmacist, in French
 * @param queries how many INSi calls the lookup made (each first name alone, then the list)
 * @param ins only with 00
 * @param traits only with 00
 */
public record InsiLookupView(
    String result, String message, int queries, InsView ins, IdentityTraitsView traits) {}
