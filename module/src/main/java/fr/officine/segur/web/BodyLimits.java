package fr.officine.segur.web;

import fr.officine.segur.http.AcceptsBody;
import fr.officine.segur.http.BodyKind;
import fr.officine.segur.scan.ScanLimits;
import java.lang.reflect.Method;
import org.eclipse.microprofile.config.Config;

/**
 * The most bytes a request body may hold, per {@link BodyKind}: {@code segur.http.max-json-bytes}
 * (64 KiB: a dispensation of a hundred lines is ~30 KiB) and, for pictures, the scan's own {@code
 * segur.scan.max-image-bytes} (one source for both checks).
 */
public record BodyLimits(long maxJsonBytes, long maxPictureBytes, long maxArchiveBytes) {
  static final long DEFAULT_MAX_JSON_BYTES = 64 * 1024;

  /**
   * {@code segur.import.max-archive-bytes}: 2 GiB, some hundred thousand dispensations with their
   * documents.
   */
  static final long DEFAULT_MAX_ARCHIVE_BYTES = 2L * 1024 * 1024 * 1024;

  public static BodyLimits from(Config config) {
    return new BodyLimits(
        config
            .getOptionalValue("segur.http.max-json-bytes", Long.class)
            .orElse(DEFAULT_MAX_JSON_BYTES),
        ScanLimits.from(config).maxImageBytes(),
        config
            .getOptionalValue("segur.import.max-archive-bytes", Long.class)
            .orElse(DEFAULT_MAX_ARCHIVE_BYTES));
  }

  public long of(BodyKind kind) {
    return switch (kind) {
      case JSON -> maxJsonBytes;
      case PICTURE -> maxPictureBytes;
      case ARCHIVE -> maxArchiveBytes;
    };
  }

  /** The kind of body a resource method reads (JSON unless it says otherwise). */
  static BodyKind kindOf(Method method) {
    if (method == null) {
      return BodyKind.JSON;
    }
    AcceptsBody declared = method.getAnnotation(AcceptsBody.class);
    return declared == null ? BodyKind.JSON : declared.value();
  }
}
