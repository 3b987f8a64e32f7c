package fr.officine.segur.dmp.document;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the official material in {@code shared/} (schemas, schematrons, samples): CI checks out
 * shared/ beside the project, a developer's worktree may sit deeper. {@code -Dsegur.shared.dir}
 * wins; otherwise the nearest ancestor of the working directory that has {@code shared/schemas}.
 */
public final class SharedDir {
  private SharedDir() {}

  public static Path get() {
    String configured = System.getProperty("segur.shared.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared");
      if (Files.isRegularFile(candidate.resolve("schemas/cda/CDA_extended.xsd"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared/schemas not found above " + Path.of("").toAbsolutePath() + "; set -Dsegur.shared.dir");
  }

  public static Path resolve(String relative) {
    return get().resolve(relative);
  }
}
