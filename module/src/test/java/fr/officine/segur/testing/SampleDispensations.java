package fr.officine.segur.testing;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.dispensation.Dispensation;
import fr.officine.segur.dispensation.DispensationStatus;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.SandboxSeed;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A dispensation without lines of one of the sandbox pharmacies, by its titulaire: for the tests of
 * what follows it (outbox, event feed), where its content does not matter.
 */
public final class SampleDispensations {
  private SampleDispensations() {}

  /** Of Pharmacie du Marché (titulaire), or of Pharmacie des Arcades (confrere) for its FINESS. */
  public static Dispensation of(DispensationId id, String finess, DispensationStatus status) {
    boolean marche = SandboxSeed.PHARMACIE_DU_MARCHE.finess().equals(finess);
    return new Dispensation(
        id,
        PrescriptionNumber.of("01S2TBPZ2JCNZZYGHZ"),
        finess,
        marche ? "Pharmacie du Marché" : "Pharmacie des Arcades",
        marche ? "titulaire" : "confrere",
        Optional.of(marche ? "10100000016" : "10100000032"),
        "Claire MARTIN",
        AuthMode.INDIRECTE,
        status,
        OffsetDateTime.now(),
        1,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of());
  }
}
