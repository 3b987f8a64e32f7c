package fr.officine.segur.it.page;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.it.support.ModuleWar;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.Keys;

/**
 * What the counter-page ITs share ({@link CounterPageScanIT}, {@link CounterPageRecordingIT},
 * {@link CounterPageServicesIT}): the module's WAR as they deploy it (the background health probe
 * every 2 s), the national services up and the titulaire's headless Chromium opened before each
 * test, closed after it with no error left in its console, and the prescription and the keyboard
 * delivery most tests start from. Each subclass keeps its own {@code @Deployment} (one Payara boot
 * per class) and its extensions.
 */
abstract class CounterPageFixtures {
  static final String DOLIPRANE = "3400935955838";
  static final String AMOXICILLINE = "3400934998331";

  /** The module's WAR as each counter-page class deploys it, from its own {@code @Deployment}. */
  static WebArchive probingEvery2sModule() {
    // The background health probe every 2 s instead of 30 s, for this deployment only: a config
    // source of a higher ordinal, in its own jar (the WAR's own defaults are left as built).
    return ModuleWar.fromBuild()
        .addAsLibrary(
            org.jboss.shrinkwrap.api.ShrinkWrap.create(
                    org.jboss.shrinkwrap.api.spec.JavaArchive.class, "probe-every-2s.jar")
                .addAsManifestResource(
                    new org.jboss.shrinkwrap.api.asset.StringAsset(
                        "config_ordinal=200\nsegur.health.probe-interval=PT2S\n"),
                    "microprofile-config.properties"));
  }

  @ArquillianResource URL base;
  SandboxAdmin sandbox;
  CounterBrowser titulaire;

  @BeforeEach
  void open(SandboxAdmin sandbox) {
    this.sandbox = sandbox;
    sandbox.fault("eprescription", "up", 0);
    sandbox.fault("dmp", "up", 0);
    sandbox.fault("insi", "up", 0);
    titulaire = new CounterBrowser(base);
  }

  @AfterEach
  void close() {
    if (titulaire != null) {
      assertThat(titulaire.consoleErrors()).as("errors in the browser console").isEmpty();
      titulaire.close();
    }
  }

  String twoLinePrescription() {
    return sandbox.createPrescription(
        List.of(
            Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3),
            Line.of(AMOXICILLINE, "AMOXICILLINE 1 g cp B/6", 2)));
  }

  /**
   * Delivers one box of DOLIPRANE and nothing of AMOXICILLINE from the keyboard, as a pharmacist
   * would.
   */
  void deliverOneDoliprane(CounterBrowser page) {
    page.type(Keys.ARROW_DOWN);
    page.type("1", Keys.ENTER);
    page.type("0", Keys.ENTER);
    page.type(Keys.F9);
    page.waitForText("#message", "Délivrance enregistrée");
    page.waitUntil(
        "the remaining quantity is re-read from the base", () -> page.remaining("DOLIPRANE") == 2);
  }
}
