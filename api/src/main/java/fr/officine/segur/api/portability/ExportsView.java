package fr.officine.segur.api.portability;

import java.util.List;

/** The pharmacy's exports, newest first ({@code GET /api/v1/exports}). */
public record ExportsView(List<ExportView> exports) {}
