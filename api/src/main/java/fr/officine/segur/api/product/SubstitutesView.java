package fr.officine.segur.api.product;

import java.util.List;

/**
 * {@code GET /api/v1/products/{cip13}/substitutes}: the marketed packs of the other specialities of
 * the prescribed product's generic group (princeps and generics), generics first. Empty when the
 * product is in no group, or unknown to the reference ({@code prescribed} null then).
 */
public record SubstitutesView(
    ProductView prescribed, GenericGroupView genericGroup, List<ProductView> substitutes) {}
