package fr.officine.segur.it.page;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One counter screen: Debian's headless Chromium driven through Debian's chromedriver (both
 * installed by deploy/install-test-deps.sh). Each instance has its own fresh profile, so two of
 * them are two independent browser contexts (own sessionStorage, own session). The binaries are
 * given explicitly so Selenium Manager never tries to download a browser or a driver.
 */
final class CounterBrowser implements AutoCloseable {
  static final int WIDTH = 1280;
  static final int HEIGHT = 800;
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final WebDriverWait wait;

  CounterBrowser(URL page) {
    this(page, List.of());
  }

  /**
   * @param extraArguments more Chromium switches (a fake camera...)
   */
  CounterBrowser(URL page, List<String> extraArguments) {
    String binary = System.getProperty("chromium.binary", "/usr/bin/chromium");
    String chromedriver = System.getProperty("chromedriver.path", "/usr/bin/chromedriver");
    for (String executable : List.of(binary, chromedriver)) {
      if (!Files.isExecutable(Path.of(executable))) {
        throw new IllegalStateException(
            executable + " is missing: run deploy/install-test-deps.sh (as root)");
      }
    }
    Path profile;
    try {
      Files.createDirectories(Path.of("target"));
      profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=fr-FR",
        "--window-size=" + WIDTH + "," + HEIGHT,
        "--user-data-dir=" + profile);
    options.addArguments(extraArguments);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    // patient, as the tests' HTTP client: a wait ends on the awaited DOM state, its bound only says
    // when to give up (issue 11 §10: no test depends on the machine's speed)
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    fitViewport();
    driver.get(page.toString());
  }

  /**
   * The page must be judged at 1280×800 of content, not of window (headless adds no chrome,
   * usually).
   */
  private void fitViewport() {
    viewport(WIDTH, HEIGHT);
  }

  /** Sets the page's viewport (content area) to width × height CSS pixels. */
  void viewport(int width, int height) {
    @SuppressWarnings("unchecked")
    List<Long> inner = (List<Long>) js("return [window.innerWidth, window.innerHeight]");
    Dimension outer = driver.manage().window().getSize();
    driver
        .manage()
        .window()
        .setSize(
            new Dimension(
                outer.getWidth() + width - inner.get(0).intValue(),
                outer.getHeight() + height - inner.get(1).intValue()));
  }

  /** The session token the page holds, to fetch what the page fetched (PDFs) through the API. */
  String sessionToken() {
    return (String) js("return JSON.parse(sessionStorage.getItem('officine-segur.session')).token");
  }

  ChromeDriver driver() {
    return driver;
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * Clicks what the selector names now. The sends box is re-rendered whenever a send changes state
   * (live), so the button found a moment ago may have been replaced: it is found again (a busy
   * deploy/test.sh run clicked a replaced « Imprimer le reste à délivrer », issue 11 §10).
   */
  void click(String css) {
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              find(css).click();
              return true;
            });
  }

  /**
   * An attribute of what the selector names now, found again if the live sends box replaced it
   * between the find and the read (a quiet run read a replaced #sends, issue 11 §10).
   */
  String attribute(String css, String name) {
    return wait.ignoring(StaleElementReferenceException.class)
        .until(d -> find(css).getAttribute(name));
  }

  /**
   * Whether the health light {@code css} says its service answered: green, or amber when it
   * answered slowly (how fast depends on the machine, so a test never waits for green alone: issue
   * 11 §10).
   */
  boolean answered(String css) {
    String state = attribute(css, "data-state");
    return "UP".equals(state) || "DEGRADED".equals(state);
  }

  WebElement find(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** An element whether or not it is displayed (a hidden print frame...). */
  WebElement element(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  boolean present(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  String text(String css) {
    return find(css).getText();
  }

  /** The text of an element now, visible or not (an empty message box has no height). */
  String textNow(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  void waitForText(String css, String expected) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), expected));
  }

  /** As {@link #waitForText(String, String)}, for what the server does on its own schedule. */
  void waitForText(String css, String expected, Duration bound) {
    new WebDriverWait(driver, bound)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), expected));
  }

  /**
   * The page re-draws what follows the server live (lights, sends box, banners): an element found a
   * moment ago may be replaced before it is read, which is no failure, the condition is asked
   * again.
   */
  void waitUntil(String what, java.util.function.BooleanSupplier condition) {
    wait.withMessage(what)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> condition.getAsBoolean());
  }

  /** The id of the element that has the keyboard. */
  String focused() {
    return driver.switchTo().activeElement().getAttribute("id");
  }

  void login(String login, String password) {
    WebElement id = find("#login-id");
    id.clear();
    id.sendKeys(login);
    find("#login-password").sendKeys(password + Keys.ENTER);
    find("#scan");
  }

  /** Types into whatever has the keyboard, as a douchette or a person at the keyboard does. */
  void type(CharSequence... keys) {
    driver.switchTo().activeElement().sendKeys(keys);
  }

  /**
   * Types text into the focused field in one WebDriver command, as a douchette does, and returns
   * the longest gap the page saw between two inserted characters (ms). On a loaded machine the
   * driver can be slower than a scanner; the caller then knows the burst did not happen.
   */
  double typeBurst(String text) {
    js(
        "window.__inputs = [];"
            + "if (!window.__burstProbe) { window.__burstProbe = true;"
            + " document.addEventListener('input', e => window.__inputs.push(e.timeStamp), true); }");
    type(text);
    Number gap =
        (Number)
            js(
                "const t = window.__inputs; let g = 0;"
                    + "for (let i = 1; i < t.length; i++) g = Math.max(g, t[i] - t[i - 1]);"
                    + "return g;");
    return gap.doubleValue();
  }

  /** Types a prescription number into the focused scan field, Enter, and waits for it. */
  void open(String number) {
    type(number, Keys.ENTER);
    waitForPrescription(number);
  }

  /** Waits until the prescription on screen is this one. */
  void waitForPrescription(String number) {
    waitForText("#rx-number", number);
  }

  /** The row of the line whose product label contains this text. */
  WebElement line(String label) {
    return all("tr.line").stream()
        .filter(row -> row.findElement(By.cssSelector(".label")).getText().contains(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + label + " on the page"));
  }

  /** The row of the line's safety signals, right under the line (issue 10 §3). */
  WebElement alerts(String label) {
    return line(label)
        .findElement(By.xpath("following-sibling::tr[1][contains(@class, 'line-alerts-row')]"));
  }

  void setQuantity(String label, int quantity) {
    WebElement field = line(label).findElement(By.cssSelector("input[name=quantity]"));
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(quantity));
  }

  int remaining(String label) {
    return Integer.parseInt(
        line(label).findElement(By.cssSelector("td.remaining .big")).getText().trim());
  }

  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the page wrote to the console at level SEVERE, except the browser's own "Failed to load
   * resource" lines for the API's 4xx answers, which the page turns into French messages.
   */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(
            m -> !m.contains("Failed to load resource: the server responded with a status of 4"))
        // a national service down: the module answers 503 and the page says it in French
        .filter(
            m -> !m.contains("Failed to load resource: the server responded with a status of 503"))
        .filter(m -> !m.contains("net::ERR_INTERNET_DISCONNECTED")) // the offline test's own doing
        .toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
