package fr.officine.segur.api.prescription;

import java.time.OffsetDateTime;

/**
 * One delivery already recorded on a line, by this pharmacy or a colleague's ({@code ownPharmacy}).
 * {@code completenessCode}: FFC, FFP, RFP, RFC (JDV_CompletudeDispensation_CISIS).
 */
public record DeliveryView(
    String executionId,
    String pharmacyFiness,
    String pharmacyName,
    boolean ownPharmacy,
    OffsetDateTime date,
    int quantity,
    String completenessCode,
    ProductView deliveredProduct,
    String notDeliveredReason) {}
