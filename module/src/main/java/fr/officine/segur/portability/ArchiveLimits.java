package fr.officine.segur.portability;

import org.eclipse.microprofile.config.Config;

/**
 * What an archive sent to {@code POST /imports} may hold before anything in it is parsed: the
 * number of entries, the bytes they inflate to in all (counted while inflating, never taken from
 * the zip's headers, which the sender writes), the manifest's size, and how much an entry may
 * inflate compared to its compressed size (a zip bomb inflates a thousand times; JSON rows about
 * ten, a PDF about one). The archive's own size is {@code segur.import.max-archive-bytes} ({@link
 * fr.officine.segur.web.BodyLimits}).
 */
record ArchiveLimits(
    int maxEntries, long maxExpandedBytes, long maxManifestBytes, int maxRatio, int maxLineBytes) {
  static final ArchiveLimits DEFAULTS =
      new ArchiveLimits(500_000, 8L << 30, 64L << 20, 200, 1 << 20);

  static ArchiveLimits from(Config config) {
    return new ArchiveLimits(
        config
            .getOptionalValue("segur.import.max-entries", Integer.class)
            .orElse(DEFAULTS.maxEntries()),
        config
            .getOptionalValue("segur.import.max-expanded-bytes", Long.class)
            .orElse(DEFAULTS.maxExpandedBytes()),
        DEFAULTS.maxManifestBytes(),
        DEFAULTS.maxRatio(),
        DEFAULTS.maxLineBytes());
  }
}
