package fr.officine.segur.api.prescription;

/** A product: CIP13 (code system 1.2.250.1.213.2.3.2) for a medicine, with its label. */
public record ProductView(String code, String codeSystem, String label) {}
