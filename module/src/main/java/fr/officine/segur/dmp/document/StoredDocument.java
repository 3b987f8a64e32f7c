package fr.officine.segur.dmp.document;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.trust.AuthMode;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A dispensation document as stored once, with what its sends need and nothing rebuilt: the XDS
 * metadata, the patient's INS as the base gave it (absent when none), the responsible pharmacist
 * (author and VIHF subject), how that pharmacist authenticated when the dispensation was recorded
 * (the VIHF's Authentification_Mode on every attempt) and the pharmacy.
 */
public record StoredDocument(
    DispensationId dispensationId,
    DispensationDocument document,
    DocumentEntryMetadata metadata,
    Optional<Ins> patientIns,
    Professional author,
    AuthMode authorAuthMode,
    String pharmacyFiness,
    String pharmacyName,
    OffsetDateTime createdAt) {}
