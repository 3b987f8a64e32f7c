package fr.officine.segur.api.product;

/**
 * A presentation (one pack, one CIP13) of the product reference, {@code GET /api/v1/products?q=…}.
 *
 * @param label what the counter shows and records as the delivered product: the speciality's name
 *     and the pack, as the BDPM words them
 * @param marketed false when the pack is declared no longer marketed (still found: an old box may
 *     be on the shelf, but offered last)
 * @param genericGroup the generic group of the répertoire, null when the speciality is in none
 * @param genericType PRINCEPS, GENERIC, COMPLEMENTARY_DOSAGE_GENERIC, SUBSTITUTABLE_GENERIC (BDPM
 *     CIS_GENER types 0, 1, 2, 4); null without a group
 * @param princeps true for the reference speciality of its group
 */
public record ProductView(
    String cip13,
    String cip7,
    String cis,
    String label,
    String denomination,
    String presentation,
    boolean marketed,
    GenericGroupView genericGroup,
    String genericType,
    boolean princeps) {}
