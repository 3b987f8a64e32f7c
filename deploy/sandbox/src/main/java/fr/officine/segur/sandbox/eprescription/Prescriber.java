package fr.officine.segur.sandbox.eprescription;

/** A prescriber identified by an 11-digit, Luhn-valid RPPS. */
public record Prescriber(
    String rpps, String lastName, String firstName, String specialty, String structure) {}
