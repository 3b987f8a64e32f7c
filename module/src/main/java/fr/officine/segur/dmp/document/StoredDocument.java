package fr.officine.segur.dmp.document;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A dispensation document as stored once, with what its sends need and nothing rebuilt: the XDS
 * metadata, the patient's INS (absent when not qualified), the responsible pharmacist (author and
 * VIHF subject) and the pharmacy.
 */
public record StoredDocument(
    DispensationId dispensationId,
    DispensationDocument document,
    DocumentEntryMetadata metadata,
    Optional<Ins> patientIns,
    Professional author,
    String pharmacyFiness,
    String pharmacyName,
    OffsetDateTime createdAt) {}
