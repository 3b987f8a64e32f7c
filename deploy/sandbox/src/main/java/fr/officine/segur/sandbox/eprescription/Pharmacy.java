package fr.officine.segur.sandbox.eprescription;

/**
 * Who executed: the structure and professional of the LPS context header. Kept on every execution
 * so that a colleague in another pharmacy sees who delivered. {@code rpps} and {@code
 * professionalName} are null when the header does not carry them (a préparateur has no RPPS).
 */
public record Pharmacy(String finess, String structureName, String rpps, String professionalName) {}
