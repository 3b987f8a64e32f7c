package fr.officine.segur.it.page;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * axe-core (Deque's engine, the copy bundled in {@code com.deque.html.axe-core:selenium}) run in
 * the page as it is: the WCAG 2.0/2.1/2.2 A and AA rules (issue 16 §5). Each violation reads
 * "impact rule: help — elements", so a failing assertion says what to fix and where.
 */
final class Accessibility {
  /** The axe tags of WCAG 2.2 level A and AA (axe's own names). */
  static final List<String> WCAG_22_AA =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  private static final String RUN =
      "const done = arguments[arguments.length - 1];"
          + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
          + ".then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
          + " targets: v.nodes.map(n => n.target.join(' '))})))))"
          + ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}])));";

  private final String engine;

  Accessibility() {
    try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream("axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException(
            "axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
      }
      engine = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The violations of the page as shown now; empty when it passes. */
  List<String> violations(CounterBrowser page) {
    // WebDriver's scripts are not inline scripts of the page: the page's CSP (script-src 'self')
    // stays as served.
    page.driver().manage().timeouts().scriptTimeout(Duration.ofMinutes(2));
    page.js(engine);
    String json = (String) page.driver().executeAsyncScript(RUN, WCAG_22_AA);
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonArray found = reader.readArray();
      return found.stream()
          .map(JsonObject.class::cast)
          .map(
              v ->
                  v.getString("impact", "?")
                      + " "
                      + v.getString("id")
                      + ": "
                      + v.getString("help")
                      + " — "
                      + v
                          .getJsonArray("targets")
                          .getValuesAs(jakarta.json.JsonString.class)
                          .stream()
                          .map(jakarta.json.JsonString::getString)
                          .toList())
          .toList();
    }
  }

  /** True when the page itself scrolls sideways at its current width (WCAG 1.4.10 Reflow). */
  static boolean scrollsSideways(CounterBrowser page) {
    return (Boolean)
        page.js(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
  }

  /**
   * What makes the page scroll sideways, measured in the browser: every displayed element whose
   * right edge passes the viewport and that no ancestor of its containing-block chain clips, as
   * "tag#id.class right=…px width=…px". Empty when nothing sticks out; a failing reflow assertion
   * then names the element to fix.
   */
  @SuppressWarnings("unchecked")
  static List<String> stickingOut(CounterBrowser page) {
    return (List<String>)
        page.js(
            "const limit = document.documentElement.clientWidth;"
                // an ancestor clips only when it is on the element's containing-block chain: an
                // absolutely positioned one escapes every static ancestor (the sr-only labels did)
                + "const clipped = e => { let abs = getComputedStyle(e).position === 'absolute';"
                + "  if (getComputedStyle(e).position === 'fixed') return false;"
                + "  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {"
                + "    const s = getComputedStyle(a); if (abs && s.position === 'static') continue;"
                + "    if (s.overflowX !== 'visible') return true; abs = s.position === 'absolute'; } return false; };"
                + "const out = [...document.body.querySelectorAll('*')].filter(e => {"
                + "  const r = e.getBoundingClientRect();"
                + "  return r.width > 0 && r.right > limit + 0.5 && !clipped(e); });"
                + "return out.filter(e => !out.some(o => o !== e && e.contains(o)))"
                + ".concat(out.filter(e => out.some(o => o !== e && e.contains(o))))"
                + ".slice(0, 12).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                + " + [...e.classList].map(c => '.' + c).join('')"
                + " + ' right=' + Math.round(e.getBoundingClientRect().right) + 'px width='"
                + " + Math.round(e.getBoundingClientRect().width) + 'px');");
  }
}
