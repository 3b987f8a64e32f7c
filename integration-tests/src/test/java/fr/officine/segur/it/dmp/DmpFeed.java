package fr.officine.segur.it.dmp;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.SandboxAdmin;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reading the DMP side of a dispensation: its DMP send in the module, what the sandbox DMP holds.
 */
final class DmpFeed {
  private DmpFeed() {}

  /** The DMP send of a dispensation as the module shows it. */
  static Optional<JsonObject> dmpSend(Counter counter, String dispensationId) {
    Http.Reply r = counter.dispensation(dispensationId);
    if (r.status() != 200) {
      throw new AssertionError(r.toString());
    }
    return r.json().getJsonArray("sends").getValuesAs(JsonObject.class).stream()
        .filter(s -> "DMP".equals(s.getString("target")))
        .findFirst();
  }

  /** Polls (bounded) until the DMP send matches; returns it, or throws with the last one seen. */
  static JsonObject awaitDmpSend(
      Counter counter, String dispensationId, Predicate<JsonObject> until, Duration max)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(max);
    Optional<JsonObject> last = Optional.empty();
    while (Instant.now().isBefore(deadline)) {
      last = dmpSend(counter, dispensationId);
      if (last.isPresent() && until.test(last.get())) {
        return last.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("DMP send not as expected after " + max + ": " + last);
  }

  static Predicate<JsonObject> state(String state) {
    return s -> state.equals(s.getString("state"));
  }

  /** GET /sandbox/dmp/documents?ins= : what the DMP holds for that patient. */
  static List<JsonObject> documents(SandboxAdmin sandbox, String ins) {
    Http.Reply r =
        sandbox.get("/sandbox/dmp/documents?ins=" + URLEncoder.encode(ins, StandardCharsets.UTF_8));
    if (r.status() != 200) {
      throw new AssertionError(r.toString());
    }
    return ((JsonArray) r.structure()).getValuesAs(JsonObject.class);
  }

  static String string(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : o.getString(key);
  }

  /**
   * The CDA schema (CDA_extended.xsd) the project carries for its sandbox DMP, found by walking up
   * from the build directory to the project root: the build needs nothing beside the project (a
   * clone anywhere, e.g. /tmp, has no shared/ above it; busy run 4 failed there).
   */
  static Path cdaSchema() {
    Path inProject =
        Path.of("deploy/sandbox/src/main/resources/cisis/schemas/cda/CDA_extended.xsd");
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(inProject))) {
        return p.resolve(inProject);
      }
    }
    throw new IllegalStateException(inProject + " not found above " + Path.of("").toAbsolutePath());
  }
}
