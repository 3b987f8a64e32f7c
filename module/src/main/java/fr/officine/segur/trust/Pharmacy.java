package fr.officine.segur.trust;

/** A pharmacy (officine) served by this instance, identified by its FINESS (établissement). */
public record Pharmacy(String finess, String name, String city) {}
