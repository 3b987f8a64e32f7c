package fr.officine.segur.trust;

/** Where a pharmacy is: printed on the dispensation document. */
public record PharmacyAddress(String street, String postalCode, String city) {}
