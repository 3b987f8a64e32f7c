package fr.officine.segur.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.officine.segur.openapi.ServedOperations.Served;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The document's examples are what an LGO developer copies first: each must be a body the module
 * reads and an answer it writes. A walk copied the qualification's example and got 400: its {@code
 * ins} was a string where the record holds an object (issue 16 §1, « one example per operation »).
 * Read with JSON-B (Yasson, as Payara), then written back: a key the record does not have would be
 * silently dropped by JSON-B, so it is reported too.
 */
class OpenApiExamplesTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void every_request_example_is_a_body_the_resource_reads() throws Exception {
    List<String> faults = new ArrayList<>();
    try (Jsonb jsonb = JsonbBuilder.create()) {
      for (Served s : OpenApiDocumentTest.described()) {
        Parameter entity = OpenApiDocumentTest.entity(s);
        if (entity == null || !entity.getType().isRecord()) {
          continue;
        }
        JsonNode content =
            OpenApiDocumentTest.operation(s).at("/requestBody/content/application~1json");
        for (JsonNode example : examples(content)) {
          check(jsonb, s.key() + " request", example, entity.getType(), faults);
        }
      }
    }
    assertThat(faults).isEmpty();
  }

  @Test
  void every_answer_example_is_what_the_resource_writes() throws Exception {
    List<String> faults = new ArrayList<>();
    try (Jsonb jsonb = JsonbBuilder.create()) {
      for (Served s : OpenApiDocumentTest.described()) {
        if (!(s.javaMethod().getGenericReturnType() instanceof Class<?> returned)
            || returned == Response.class
            || !returned.isRecord()) {
          continue;
        }
        JsonNode content =
            OpenApiDocumentTest.operation(s).at("/responses/200/content/application~1json");
        for (JsonNode example : examples(content)) {
          check(jsonb, s.key() + " answer 200", example, returned, faults);
        }
      }
    }
    assertThat(faults).isEmpty();
  }

  private void check(
      Jsonb jsonb, String where, JsonNode example, Class<?> type, List<String> faults)
      throws IOException {
    Object read;
    try {
      read = jsonb.fromJson(example.toString(), type);
    } catch (JsonbException e) {
      faults.add(where + ": the example is not a " + type.getSimpleName() + ": " + rootCause(e));
      return;
    }
    unknownKeys(where, example, json.readTree(jsonb.toJson(read)), "", faults);
  }

  /** Keys of the example that the record, written back, does not have (null values aside). */
  private static void unknownKeys(
      String where, JsonNode example, JsonNode written, String path, List<String> faults) {
    if (example.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = example.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getValue().isNull()) {
          continue;
        }
        if (!written.has(f.getKey())) {
          faults.add(where + ": " + path + f.getKey() + " is no field of the record");
        } else {
          unknownKeys(
              where, f.getValue(), written.get(f.getKey()), path + f.getKey() + ".", faults);
        }
      }
    } else if (example.isArray() && written.isArray()) {
      for (int i = 0; i < Math.min(example.size(), written.size()); i++) {
        unknownKeys(where, example.get(i), written.get(i), path + i + ".", faults);
      }
    }
  }

  private static List<JsonNode> examples(JsonNode content) {
    List<JsonNode> all = new ArrayList<>();
    if (content.has("example")) {
      all.add(content.get("example"));
    }
    content.path("examples").forEach(e -> all.add(e.path("value")));
    return all;
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
