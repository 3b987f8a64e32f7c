package fr.officine.segur.sandbox.eprescription;

import java.util.Optional;

/**
 * Who executed: the structure and professional of the LPS context header. Kept on every execution
 * so that a colleague in another pharmacy sees who delivered.
 */
public record Pharmacy(String finess, String structureName, String rpps, String professionalName) {
  public Optional<String> rppsIfKnown() {
    return Optional.ofNullable(rpps);
  }
}
