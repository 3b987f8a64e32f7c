package fr.officine.segur.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Identity documents a pharmacist may see. Only high-trust documents allow qualifying an identity
 * (RNIV): passport, national identity card, residence permit; for a minor, an extract of the birth
 * certificate or the livret de famille. A carte Vitale or a driving licence does not prove
 * identity.
 */
public enum IdentityDocumentType {
  CNI(true),
  PASSEPORT(true),
  TITRE_SEJOUR(true),
  ACTE_NAISSANCE(true),
  LIVRET_FAMILLE(true),
  CARTE_VITALE(false),
  PERMIS_CONDUIRE(false),
  AUTRE(false);

  private final boolean highTrust;

  IdentityDocumentType(boolean highTrust) {
    this.highTrust = highTrust;
  }

  public boolean allowsQualification() {
    return highTrust;
  }

  public static Optional<IdentityDocumentType> of(String name) {
    return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
  }
}
