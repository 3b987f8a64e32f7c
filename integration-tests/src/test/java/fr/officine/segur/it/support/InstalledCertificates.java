package fr.officine.segur.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The organisation certificates installed for the module in Payara ({@code segur.pki.dir}): a copy
 * of what the sandbox's PKI issued, made when the sandbox starts, as a pharmacy installs what its
 * authority sent. A test may install one of the PKI's refused certificates instead (the module
 * takes a changed file without a restart) and must put the issued one back.
 *
 * @param installed the module's {@code segur.pki.dir}
 * @param pki the sandbox's PKI directory ({@code issued/}, {@code test-clients/})
 */
public record InstalledCertificates(Path installed, Path pki) {

  /**
   * Every file of {@code issued/}, replacing what was there (a previous run may have left a swap).
   */
  static InstalledCertificates install(Path pki, Path installed) {
    try {
      Files.createDirectories(installed);
      try (var files = Files.list(pki.resolve("issued"))) {
        for (Path f : files.toList()) {
          Files.copy(f, installed.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot install the sandbox's certificates in " + installed, e);
    }
    return new InstalledCertificates(installed, pki);
  }

  /**
   * Pharmacy {@code finess} now presents {@code test-clients/<testClient>} (expired.p12,
   * revoked.p12…).
   */
  public void installInstead(String finess, String testClient) {
    copy(pki.resolve("test-clients").resolve(testClient), finess);
  }

  /** Pharmacy {@code finess} presents its issued certificate again. */
  public void restore(String finess) {
    copy(pki.resolve("issued").resolve("pharmacy-" + finess + ".p12"), finess);
  }

  private void copy(Path from, String finess) {
    try {
      Files.copy(
          from,
          installed.resolve("pharmacy-" + finess + ".p12"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
