package fr.officine.segur.sandbox.dmp;

import java.util.Collection;
import java.util.Optional;

/**
 * The DMP's rules on a patient's file (DOMAIN-FACTS §2.2): no DMP or a closed one takes nothing; a
 * professional blocked by the patient can neither read nor feed, even with the patient's agreement;
 * the patient's opposition refuses feeding by professionals. Authorisations gate consultation only,
 * never feeding.
 */
final class DmpRules {
  private final DmpStore store;

  DmpRules(DmpStore store) {
    this.store = store;
  }

  /** The patient's DMP, if the professionals given may feed it. */
  DmpPatient forFeeding(String ins, Collection<String> actingRpps) {
    DmpPatient patient = openFor(ins, actingRpps);
    if (patient.opposedToFeeding()) {
      throw new XdsRefusal(
          RegistryError.DMP_OPPOSITION,
          "Le patient s'est opposé à l'alimentation de son DMP par les professionnels de santé.");
    }
    return patient;
  }

  /** The patient's DMP, if the professionals given may read it. */
  DmpPatient forReading(String ins, Collection<String> actingRpps) {
    return openFor(ins, actingRpps);
  }

  private DmpPatient openFor(String ins, Collection<String> actingRpps) {
    Optional<DmpPatient> known = store.patient(ins);
    if (known.isEmpty()) {
      throw new XdsRefusal(
          RegistryError.UNKNOWN_PATIENT, "Patient inconnu du DMP (INS non reconnu).");
    }
    DmpPatient patient = known.get();
    switch (patient.status()) {
      case AUCUN ->
          throw new XdsRefusal(RegistryError.DMP_INEXISTANT, "Ce patient n'a pas de DMP.");
      case FERME ->
          throw new XdsRefusal(
              RegistryError.DMP_FERME,
              "Le DMP de ce patient est fermé"
                  + patient.closedOn().map(d -> " depuis le " + d).orElse("")
                  + patient.closingReason().map(r -> " (" + r + ")").orElse("")
                  + ".");
      case ACTIF -> {
        // continues
      }
    }
    for (String rpps : actingRpps) {
      if (patient.blocks(rpps)) {
        throw new XdsRefusal(
            RegistryError.PS_BLOQUE,
            "Le patient a bloqué l'accès de ce professionnel (RPPS " + rpps + ") à son DMP.");
      }
    }
    return patient;
  }
}
