package fr.officine.segur.api.portability;

import java.util.Map;

/**
 * What an import restored (issue 15 §4): the export it came from, whose pharmacy, the rows restored
 * per file of the archive, and how the imported audit records were chained ({@code auditChaining},
 * the README says more).
 */
public record ImportView(
    String exportId,
    String pharmacyFiness,
    int formatVersion,
    Map<String, Long> rows,
    long documents,
    String auditChaining) {}
