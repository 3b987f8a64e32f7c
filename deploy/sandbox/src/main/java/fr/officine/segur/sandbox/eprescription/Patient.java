package fr.officine.segur.sandbox.eprescription;

import java.time.LocalDate;

/** A patient identified by the INS (13-char matricule + 2-digit key) and its OID. */
public record Patient(
    String ins, String oid, String birthName, String firstName, LocalDate birthDate, String sex) {}
