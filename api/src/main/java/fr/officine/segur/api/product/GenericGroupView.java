package fr.officine.segur.api.product;

/** A generic group of the répertoire des génériques, as the BDPM numbers and names it. */
public record GenericGroupView(String id, String label) {}
