package fr.officine.segur.products;

import fr.officine.segur.trust.RunMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The product reference of this installation. The LGO normally holds the product base; the counter
 * page needs one to search a substitute, so the module reads the BDPM files from {@code
 * segur.products.dir} (the three files downloaded from the ANSM). In sandbox mode without that
 * directory it reads the sample shipped in the WAR ({@code /bdpm-sample/}, a sample in the BDPM
 * layout, not the real base). Outside the sandbox without a directory the reference is empty: the
 * pharmacist types the CIP13 and the label of a substitute by hand, as before.
 */
@ApplicationScoped
public class ProductReference {
  private static final Logger LOG = Logger.getLogger(ProductReference.class.getName());
  static final String SAMPLE = "/bdpm-sample/";

  private Config config;
  private volatile ProductCatalogue catalogue;

  protected ProductReference() {}

  @Inject
  public ProductReference(Config config) {
    this.config = config;
  }

  /** Read on first use (a 20 000-pack file takes well under a second), then kept. */
  public ProductCatalogue catalogue() {
    ProductCatalogue c = catalogue;
    if (c == null) {
      synchronized (this) {
        c = catalogue;
        if (c == null) {
          c = load();
          catalogue = c;
        }
      }
    }
    return c;
  }

  private ProductCatalogue load() {
    Optional<String> dir =
        config.getOptionalValue("segur.products.dir", String.class).filter(s -> !s.isBlank());
    boolean sandbox =
        RunMode.of(config.getOptionalValue(RunMode.KEY, String.class)) == RunMode.SANDBOX;
    if (dir.isPresent()) {
      Path root = Path.of(dir.get());
      return logged(read(name -> bytes(root.resolve(name))), root.toString());
    }
    if (sandbox) {
      return logged(
          read(ProductReference::sampleBytes), "échantillon au format BDPM (bac à sable)");
    }
    LOG.warning(
        "segur.products.dir is not set: no product reference, substitutes are typed by hand (CIP13 + label)");
    return ProductCatalogue.empty();
  }

  static ProductCatalogue read(Function<String, byte[]> files) {
    return new ProductCatalogue(
        Bdpm.specialities(files.apply(Bdpm.SPECIALITIES)),
        Bdpm.presentations(files.apply(Bdpm.PRESENTATIONS)),
        Bdpm.genericGroups(files.apply(Bdpm.GENERIC_GROUPS)));
  }

  private static ProductCatalogue logged(ProductCatalogue c, String from) {
    ProductCatalogue.Stats s = c.stats();
    LOG.info(
        () ->
            "Product reference from "
                + from
                + ": "
                + s.specialities()
                + " specialities, "
                + s.presentations()
                + " packs, "
                + s.groupMembers()
                + " generic group members, "
                + s.skippedLines()
                + " lines skipped");
    return c;
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("BDPM file unreadable: " + file, e);
    }
  }

  static byte[] sampleBytes(String name) {
    try (InputStream in = ProductReference.class.getResourceAsStream(SAMPLE + name)) {
      if (in == null) {
        throw new IllegalStateException("sample BDPM file missing from the WAR: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
