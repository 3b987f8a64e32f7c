package fr.officine.segur.api.prescription;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/prescriptions/{number}}: the prescription as the e-prescription base has it.
 * {@code status} is OPEN, PARTIAL, COMPLETE or EXPIRED. {@code dmp} is the patient's DMP status
 * (TD0.2); {@code dp} the DP status when known (DpView).
 */
public record PrescriptionView(
    String number,
    String status,
    LocalDate prescribedOn,
    LocalDate firstDeliveryDeadline,
    PrescriberView prescriber,
    PatientView patient,
    List<LineView> lines,
    DmpStatusView dmp,
    DpView dp) {}
