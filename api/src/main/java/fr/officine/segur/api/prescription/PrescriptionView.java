package fr.officine.segur.api.prescription;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/prescriptions/{number}}: the prescription as the e-prescription base has it.
 * {@code status} is OPEN, PARTIAL, COMPLETE or EXPIRED. {@code dmp} and {@code dp} are the patient's
 * DMP and DP status when known (null until those features answer).
 */
public record PrescriptionView(
    String number,
    String status,
    LocalDate prescribedOn,
    LocalDate firstDeliveryDeadline,
    PrescriberView prescriber,
    PatientView patient,
    List<LineView> lines,
    Object dmp,
    Object dp) {}
