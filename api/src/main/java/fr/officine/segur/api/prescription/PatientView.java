package fr.officine.segur.api.prescription;

import java.time.LocalDate;

/** The patient as the base identifies them: INS (matricule + key) and its OID, and the traits. */
public record PatientView(
    String ins,
    String insOid,
    String birthName,
    String firstName,
    LocalDate birthDate,
    String sex) {}
