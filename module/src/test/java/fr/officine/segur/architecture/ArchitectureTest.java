package fr.officine.segur.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import fr.officine.segur.data.Migrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The allowed arrows between the module's feature packages (issue 14 §1): a package uses only
 * packages of a lower tier, never one of its own tier nor one above (no upward arrow), and no two
 * features depend on each other (no cycle). A new arrow either fits this picture or changes it
 * here, on purpose, in review. Subpackages (generated SOAP types, {@code trust.cps}…) belong to
 * their feature; {@code dmp.document} is a feature of its own, used by both the DMP and the DP. The
 * picture the tiers come from is drawn in the README (« Architecture »).
 */
class ArchitectureTest {
  private static final String ROOT = "fr.officine.segur.";

  /** Top to bottom. */
  static final List<List<String>> TIERS =
      List.of(
          // the REST application, its filters and exception mappers: nothing imports it
          List.of("web"),
          // supervision: MicroProfile Health checks and application metrics, found by the
          // container;
          // it reads the counter's service health, the outbox and the dispensations
          List.of("supervision"),
          // the counter screen (assembles every feature below); the features that read or send a
          // recorded dispensation from outside its flow (MSSanté message, export and import)
          List.of("counter", "mssante", "portability"),
          List.of("dispensation"),
          List.of("safety"),
          List.of("dmp", "dp"),
          List.of(
              "dmp.document", "identity", "outbox", "prescription", "products", "reports", "scan"),
          // the pharmacy's event feed: written by the stores below the counter, streamed by the
          // counter
          List.of("audit", "event"),
          List.of("trust"),
          // shared by all: database, HTTP declarations, problem catalogue, French text, the bus
          // between the nodes of a cluster (issue 13 §2: it names no feature), how settings are
          // read (issue 14 §5), loading the reports compiled at build time, the XML parser and
          // serializer
          List.of("cluster", "config", "data", "http", "jasper", "problem", "text", "xml"));

  private static JavaClasses classes;

  /** The module's own classes only (the api jar and the sandbox are on the test class path too). */
  @BeforeAll
  static void importModule() throws Exception {
    Path module =
        Path.of(Migrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(module);
  }

  @Test
  void every_feature_package_has_a_tier() {
    List<String> known = TIERS.stream().flatMap(List::stream).toList();
    List<String> missing =
        classes.stream()
            .map(c -> c.getPackageName())
            .filter(p -> p.startsWith(ROOT) && !p.startsWith(ROOT + "api."))
            .map(p -> p.substring(ROOT.length()))
            .filter(p -> known.stream().noneMatch(k -> p.equals(k) || p.startsWith(k + ".")))
            .distinct()
            .sorted()
            .toList();
    org.assertj.core.api.Assertions.assertThat(missing)
        .as("packages without a tier in ArchitectureTest.TIERS")
        .isEmpty();
  }

  @Test
  void a_package_uses_only_the_tiers_below_it() {
    layers().check(classes);
  }

  @Test
  void no_cycle_between_feature_packages() {
    slices()
        .matching("fr.officine.segur.(*)..")
        .should()
        .beFreeOfCycles()
        .as("no cycle between feature packages")
        .check(classes);
  }

  static LayeredArchitecture layers() {
    LayeredArchitecture rule =
        Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (List<String> tier : TIERS) {
      for (String name : tier) {
        rule = rule.layer(name).definedBy(packagesOf(name));
      }
    }
    for (int i = 0; i < TIERS.size(); i++) {
      List<String> below = new ArrayList<>();
      for (int j = i + 1; j < TIERS.size(); j++) {
        below.addAll(TIERS.get(j));
      }
      for (String name : TIERS.get(i)) {
        rule =
            below.isEmpty()
                ? rule.whereLayer(name).mayNotAccessAnyLayer()
                : rule.whereLayer(name).mayOnlyAccessLayers(below.toArray(String[]::new));
      }
    }
    return rule;
  }

  /** A feature and its subpackages, except a subpackage that is a feature of its own. */
  private static String packagesOf(String name) {
    if (name.equals("dmp")) {
      return ROOT + "dmp";
    }
    return ROOT + name + "..";
  }
}
