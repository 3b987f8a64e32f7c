package fr.officine.segur.portability;

import fr.officine.segur.api.portability.ImportView;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.OwnerOnlyFiles;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipFile;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An archive brought in: written to {@code ${segur.data.dir}/module/imports} as it arrives (its
 * size already bounded by {@link fr.officine.segur.web.BodySizeFilter}), checked whole ({@link
 * ArchiveCheck}), restored in one transaction ({@link ImportRestore}), then deleted whatever the
 * outcome.
 */
@ApplicationScoped
public class Imports {
  private static final Logger LOG = Logger.getLogger(Imports.class.getName());
  static final String AUDIT_CHAINING =
      "Les enregistrements du journal importés sont ajoutés à la chaîne de ce module (nouveaux numéros,"
          + " nouvelles empreintes : la vérification du journal reste valide de bout en bout) ; chacun a"
          + " été vérifié contre son empreinte d'origine, conservée avec son numéro d'origine"
          + " (audit_import_origin).";

  private Database db;
  private Path dir;
  private ArchiveLimits limits;

  protected Imports() {}

  @Inject
  public Imports(
      Database db, Config config, @ConfigProperty(name = "segur.data.dir") String dataDir) {
    this(db, ArchiveLimits.from(config), Path.of(dataDir, "module", "imports"));
  }

  Imports(Database db, ArchiveLimits limits, Path dir) {
    this.db = db;
    this.limits = limits;
    this.dir = dir;
  }

  /**
   * Imports the archive read from {@code body} for the pharmacy {@code finess} (the importer's).
   */
  ImportView importArchive(InputStream body, String finess) {
    Path file = null;
    try {
      file = receive(body);
      try (ZipFile zip = ArchiveCheck.open(file)) {
        Manifest manifest = new ArchiveCheck(limits).check(zip);
        if (!finess.equals(manifest.pharmacyFiness())) {
          throw new ProblemException(
              ProblemType.IMPORT_OTHER_PHARMACY,
              "Archive de la pharmacie "
                  + ArchiveCheck.printable(manifest.pharmacyFiness())
                  + " ; vous êtes titulaire de la pharmacie "
                  + finess
                  + ".");
        }
        ImportRestore restore =
            db.inTransaction(
                h -> {
                  ImportRestore r = new ImportRestore(h, zip, manifest, limits.maxLineBytes());
                  try {
                    r.restore();
                  } catch (SQLException e) {
                    throw Database.failure(e);
                  }
                  return r;
                });
        LOG.info(
            () ->
                "Export "
                    + manifest.exportId()
                    + " imported for pharmacy "
                    + finess
                    + ": "
                    + restore.restored());
        return new ImportView(
            manifest.exportId(),
            finess,
            manifest.formatVersion(),
            restore.restored(),
            restore.documents(),
            AUDIT_CHAINING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          LOG.log(Level.WARNING, "Cannot delete the received archive " + file, e);
        }
      }
    }
  }

  /** The body written to an owner-only file, never held in memory. */
  private Path receive(InputStream body) throws IOException {
    Path file = OwnerOnlyFiles.createFile(dir.resolve(UUID.randomUUID() + ".zip"));
    try (OutputStream out = Files.newOutputStream(file)) {
      body.transferTo(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }
}
