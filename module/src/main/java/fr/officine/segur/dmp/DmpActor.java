package fr.officine.segur.dmp;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.trust.AuthMode;
import java.util.Objects;

/**
 * Who calls the DMP and about whom: the VIHF's content. {@code professional} is the pharmacist
 * (never a préparateur: the DMP knows professionals by RPPS), {@code authMode} how they
 * authenticated (CPS card or the module's password, see {@link AuthMode#declared}), the pharmacy
 * signs.
 */
public record DmpActor(
    Professional professional,
    AuthMode authMode,
    String pharmacyFiness,
    String pharmacyName,
    Ins patient) {
  public DmpActor {
    Objects.requireNonNull(professional, "professional");
    Objects.requireNonNull(authMode, "authMode");
    Objects.requireNonNull(pharmacyFiness, "pharmacyFiness");
    Objects.requireNonNull(pharmacyName, "pharmacyName");
    Objects.requireNonNull(patient, "patient");
    if (professional.rpps().isEmpty()) {
      throw new IllegalArgumentException(
          "The DMP is called on behalf of a professional with an RPPS");
    }
  }
}
