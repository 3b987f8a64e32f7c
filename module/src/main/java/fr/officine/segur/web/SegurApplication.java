package fr.officine.segur.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API of the module (DESIGN.md ▣ REST contract). Resources and providers are discovered by
 * scanning; the counter page's static files live outside {@code /api/v1}.
 */
@ApplicationPath("/api/v1")
public class SegurApplication extends Application {}
